import {
  Body,
  Controller,
  Get,
  Header,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { AnyRole, CurrentUser, Roles } from '../identity/auth/decorators';
import type { Principal } from '../identity/auth/principal';
import { Organization } from '../identity/organization.entity';
import { DocumentRegister } from './document-register.service';
import { RegisterRecords } from './register-records.service';
import { RegistersService } from './registers.service';
import { RegisterDeclarations } from './register-declarations.service';
import { parseRegisterQuery, SaveRegisterDto } from './registers.dto';

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
    private readonly records: RegisterRecords,
    private readonly declarations: RegisterDeclarations,
    private readonly documentRegister: DocumentRegister,
    private readonly dataSource: DataSource,
  ) {}

  /** An admin declares a new register: validated against the definitions and forms it names (422 with reasons). */
  @Roles('admin')
  @Post()
  declare(@CurrentUser() user: Principal, @Body() dto: SaveRegisterDto) {
    return this.declarations.save(user.organizationId, user.userId, dto.declaration, { create: true });
  }

  /** A new version of a register an admin declared; built-in registers answer 409. */
  @Roles('admin')
  @Put(':key')
  redeclare(@CurrentUser() user: Principal, @Param('key') key: string, @Body() dto: SaveRegisterDto) {
    return this.declarations.save(user.organizationId, user.userId, dto.declaration, { replace: key });
  }

  /** The whole declaration, projections included. */
  @Roles('admin', 'aims-manager')
  @Get(':key/declaration')
  declaration(@CurrentUser() user: Principal, @Param('key') key: string) {
    return this.declarations.declaration(user.organizationId, key);
  }

  @AnyRole()
  @Get()
  @ApiOkResponse({
    description: '`{items}`: every declared register with its record count and counts by status',
  })
  async list(@CurrentUser() user: Principal) {
    return { items: await this.records.summaries(user.organizationId) };
  }

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
  async soaPdf(@CurrentUser() user: Principal) {
    const pdf = await this.registers.soaPdf(user.organizationId, await this.organizationName(user));
    return pdfFile(pdf, 'statement-of-applicability.pdf');
  }

  @AnyRole()
  @Get('documents')
  @ApiOkResponse({
    description:
      '`{items}`: each controlled document, its newest version and the version in force (`inForce`)',
  })
  async documents(@CurrentUser() user: Principal) {
    return { items: await this.documentRegister.list(user.organizationId) };
  }

  @AnyRole()
  @Get('documents.csv')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="documents.csv"')
  documentsCsv(@CurrentUser() user: Principal) {
    return this.documentRegister.csv(user.organizationId);
  }

  @AnyRole()
  @Get('documents.pdf')
  @ApiProduces('application/pdf')
  async documentsPdf(@CurrentUser() user: Principal) {
    const pdf = await this.documentRegister.pdf(user.organizationId, await this.organizationName(user));
    return pdfFile(pdf, 'documents.pdf');
  }

  @AnyRole()
  @Get('documents/:id')
  @ApiOkResponse({
    description:
      '`{document, versions}`: every kept version, newest first, each in-force, superseded, in-approval or draft',
  })
  document(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.documentRegister.one(user.organizationId, id);
  }

  /**
   * Any declared register (`risks`, `ai-systems`, `objectives`, …): `{register, items, nextCursor}`;
   * `?q=` searches, `?sort=&order=` orders, `?cursor=` pages, any declared filter field filters.
   * `GET /api/registers/{key}.csv` is the whole register as CSV, `GET /api/registers/{key}.pdf` as a PDF.
   */
  @AnyRole()
  @Get(':key')
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ description: '`{register, items, nextCursor, heatmap?}`' })
  async register(
    @CurrentUser() user: Principal,
    @Param('key') key: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (key.endsWith('.csv')) {
      const csv = await this.records.csv(user.organizationId, key.slice(0, -'.csv'.length));
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${key}"`);
      return csv;
    }
    if (key.endsWith('.pdf')) {
      const register = key.slice(0, -'.pdf'.length);
      const pdf = await this.records.pdf(user.organizationId, register, await this.organizationName(user));
      return pdfFile(pdf, key);
    }
    return this.records.list(
      user.organizationId,
      key,
      parseRegisterQuery(req.query as Record<string, unknown>),
    );
  }

  @AnyRole()
  @Get(':key/:id')
  @ApiOkResponse({
    description: '`{register, record, versions, sources}`: the record, every version, what wrote it',
  })
  record(@CurrentUser() user: Principal, @Param('key') key: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.records.record(user.organizationId, key, id);
  }

  private async organizationName(user: Principal): Promise<string> {
    return (await this.dataSource.getRepository(Organization).findOneByOrFail({ id: user.organizationId }))
      .name;
  }
}

function pdfFile(pdf: Buffer, filename: string): StreamableFile {
  return new StreamableFile(pdf, {
    type: 'application/pdf',
    disposition: `attachment; filename="${filename}"`,
    length: pdf.length,
  });
}
