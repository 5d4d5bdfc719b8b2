import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../identity/auth/decorators';
import type { Principal } from '../identity/auth/principal';
import { ProcessRuntime } from '../workflow/process-runtime';
import { DecisionDto } from './approvals.dto';
import { ApprovalsService } from './approvals.service';

const READERS = [
  'admin',
  'aims-manager',
  'top-management',
  'internal-auditor',
  'external-auditor',
  'contributor',
] as const;

@ApiTags('approvals')
@ApiCookieAuth()
@Controller()
export class ApprovalsController {
  constructor(
    private readonly approvals: ApprovalsService,
    private readonly runtime: ProcessRuntime,
  ) {}

  @Roles(...READERS)
  @Get('approvals/:id')
  get(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.approvals.get(user, id);
  }

  /**
   * One decision at the chain's current level (the same as completing the approval task with
   * `{decision, comment}`). 403 with the reason when segregation of duties forbids it (recorded in history).
   */
  @Roles('admin', 'aims-manager', 'contributor', 'top-management', 'internal-auditor')
  @Post('approvals/:id/decisions')
  @HttpCode(200)
  async decide(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DecisionDto,
  ) {
    await this.runtime.decideApproval(user.organizationId, user, id, {
      decision: dto.decision,
      comment: dto.comment ?? null,
    });
    return this.approvals.get(user, id);
  }

  @Roles(...READERS)
  @Get('process-instances/:id/approvals')
  forInstance(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.approvals.forInstance(user, id);
  }
}
