import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCookieAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentUser, Roles } from '../identity/auth/decorators';
import type { Principal } from '../identity/auth/principal';
import { StartProgrammeDto } from './programme.dto';
import { ProgrammeService } from './programme.service';

@ApiTags('programme')
@ApiCookieAuth()
@Controller('programme')
export class ProgrammeController {
  constructor(private readonly programme: ProgrammeService) {}

  /** Starts the organisation's one programme (`roadmap`, business key `programme`). */
  @Roles('admin', 'aims-manager')
  @Post()
  @ApiCreatedResponse({ description: 'The programme as GET returns it' })
  @ApiConflictResponse({ description: 'A programme is already running' })
  start(@CurrentUser() user: Principal, @Body() dto: StartProgrammeDto) {
    return this.programme.start(user, dto.gapItems);
  }

  /** Where the programme stands, phase by phase; `status: 'not-started'` (and no instance) before it is started. */
  @AnyRole()
  @Get()
  get(@CurrentUser() user: Principal) {
    return this.programme.view(user.organizationId);
  }
}
