import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentUser } from '../identity/auth/decorators';
import type { Principal } from '../identity/auth/principal';
import { SurveillanceVisits } from './surveillance.service';

@ApiTags('certification')
@ApiCookieAuth()
@Controller('certification')
export class SurveillanceController {
  constructor(private readonly visits: SurveillanceVisits) {}

  /** What the certification body sampled over the cycle, per clause 4–10 and per applicable Annex A control. */
  @AnyRole()
  @Get('coverage')
  @ApiOkResponse({ description: '`{certificateNumber, visits, clauses, controls, totals, complete}`' })
  coverage(@CurrentUser() user: Principal, @Query('certificate') certificate?: string) {
    if (certificate !== undefined && !/^[\w./-]{1,120}$/.test(certificate))
      throw new BadRequestException({ message: 'certificate must be a certificate number' });
    return this.visits.coverage(user.organizationId, certificate);
  }
}
