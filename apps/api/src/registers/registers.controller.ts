import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { AnyRole, CurrentUser } from '../identity/auth/decorators';
import type { Principal } from '../identity/auth/principal';
import { Organization } from '../identity/organization.entity';
import { RegistersService } from './registers.service';

/**
 * The registers the programme's processes fill. Read-only for everyone signed in, external
 * auditors included: rows change only through the workflows that justify them.
 */
@ApiTags('registers')
@ApiCookieAuth()
@Controller('registers')
export class RegistersController {
  constructor(
    private readonly registers: RegistersService,
    private readonly dataSource: DataSource,
  ) {}

  @AnyRole()
  @Get('soa')
  @ApiOkResponse({ description: "`{items}`: one row per Annex A control (38), in the standard's order" })
  async soa(@CurrentUser() user: Principal) {
    return { items: await this.registers.soa(user.organizationId) };
  }

  @AnyRole()
  @Get('soa.csv')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="statement-of-applicability.csv"')
  soaCsv(@CurrentUser() user: Principal) {
    return this.registers.soaCsv(user.organizationId);
  }

  @AnyRole()
  @Get('soa.pdf')
  @ApiProduces('application/pdf')
  async soaPdf(@CurrentUser() user: Principal, @Res() res: Response) {
    const org = await this.dataSource
      .getRepository(Organization)
      .findOneByOrFail({ id: user.organizationId });
    const pdf = await this.registers.soaPdf(user.organizationId, org.name);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', 'attachment; filename="statement-of-applicability.pdf"');
    res.send(pdf);
  }

  @AnyRole()
  @Get('gaps')
  async gaps(@CurrentUser() user: Principal) {
    return { items: await this.registers.gaps(user.organizationId) };
  }

  @AnyRole()
  @Get('risks')
  @ApiOkResponse({
    description:
      '`{items, heatmap}`; `heatmap[likelihood-1][impact-1]` counts risks by their rating before treatment',
  })
  risks(@CurrentUser() user: Principal) {
    return this.registers.risks(user.organizationId);
  }

  @AnyRole()
  @Get('ai-systems')
  async aiSystems(@CurrentUser() user: Principal) {
    return { items: await this.registers.aiSystems(user.organizationId) };
  }

  @AnyRole()
  @Get('impact-assessments')
  async impactAssessments(@CurrentUser() user: Principal) {
    return { items: await this.registers.impactAssessments(user.organizationId) };
  }

  @AnyRole()
  @Get('documents')
  async documents(@CurrentUser() user: Principal) {
    return { items: await this.registers.documents(user.organizationId) };
  }
}
