import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Query,
  Req,
  Res,
  UnprocessableEntityException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ApiConsumes, ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AnyRole, CurrentUser, Roles } from '../identity/auth/decorators';
import type { Principal } from '../identity/auth/principal';
import { EvidenceService } from './evidence.service';
import {
  CreateFormDto,
  ExportFormQuery,
  ImportFormDto,
  ListFormsQuery,
  PublishFormDto,
  UpdateDraftDto,
  UploadEvidenceQuery,
  ValidateSubmissionDto,
} from './forms.dto';
import { pointerFromPath } from '../platform/http/problem';
import { FormsService } from './forms.service';

/** Drafts are work in progress: only the people who design forms see them. */
const DRAFT_READERS = ['admin', 'aims-manager'] as const;
const UPLOADERS = ['admin', 'aims-manager', 'contributor', 'top-management', 'internal-auditor'] as const;

@ApiTags('forms')
@ApiCookieAuth()
@Controller('forms')
export class FormsController {
  constructor(private readonly forms: FormsService) {}

  @AnyRole()
  @Get()
  list(@CurrentUser() user: Principal, @Query() query: ListFormsQuery) {
    return this.forms.list(user.organizationId, query);
  }

  @Roles('admin')
  @Post()
  create(@CurrentUser() user: Principal, @Body() dto: CreateFormDto) {
    return this.forms.create(user.organizationId, user.userId, dto);
  }

  /** Creates the form from an export file, or replaces the existing form's draft. */
  @Roles('admin')
  @Post('import')
  @HttpCode(200)
  import(@CurrentUser() user: Principal, @Body() dto: ImportFormDto) {
    return this.forms.import(user.organizationId, user.userId, dto);
  }

  @Roles(...DRAFT_READERS)
  @Get(':key')
  get(@CurrentUser() user: Principal, @Param('key') key: string) {
    return this.forms.get(user.organizationId, key);
  }

  @Roles('admin')
  @Put(':key/draft')
  updateDraft(@CurrentUser() user: Principal, @Param('key') key: string, @Body() dto: UpdateDraftDto) {
    return this.forms.updateDraft(user.organizationId, user.userId, key, dto);
  }

  @Roles('admin')
  @Post(':key/publish')
  @HttpCode(200)
  async publish(@CurrentUser() user: Principal, @Param('key') key: string, @Body() dto: PublishFormDto) {
    const { version } = await this.forms.publish(user.organizationId, user.userId, key, dto.changeNote);
    return { key, version };
  }

  @AnyRole()
  @Get(':key/versions')
  versions(@CurrentUser() user: Principal, @Param('key') key: string) {
    return this.forms.versions(user.organizationId, key);
  }

  @AnyRole()
  @Get(':key/versions/:version')
  version(
    @CurrentUser() user: Principal,
    @Param('key') key: string,
    @Param('version', ParseIntPipe) version: number,
  ) {
    return this.forms.version(user.organizationId, key, version);
  }

  /** `200 {valid:true}` or a 422 problem with `valid: false` and `errors`: the same verdict task completion gives. */
  @AnyRole()
  @Post(':key/versions/:version/validate')
  async validate(
    @CurrentUser() user: Principal,
    @Param('key') key: string,
    @Param('version', ParseIntPipe) version: number,
    @Body() dto: ValidateSubmissionDto,
    @Res() res: Response,
  ) {
    const verdict = await this.forms.validateSubmission(user.organizationId, key, version, dto.data);
    if (!verdict.valid) {
      throw new UnprocessableEntityException({
        message: `The data does not match form ${key} v${version}.`,
        errors: verdict.errors.map((e) => ({
          pointer: '/data' + pointerFromPath(e.path),
          message: e.message,
        })),
        valid: false,
      });
    }
    res.status(200).json({ valid: true });
  }

  @AnyRole()
  @Get(':key/usage')
  usage(@CurrentUser() user: Principal, @Param('key') key: string) {
    return this.forms.usage(user.organizationId, key);
  }

  @Roles(...DRAFT_READERS)
  @Get(':key/export')
  async export(
    @CurrentUser() user: Principal,
    @Param('key') key: string,
    @Query() query: ExportFormQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    const file = await this.forms.export(user.organizationId, key, query.version);
    const name = query.version ? `${file.key}-v${query.version}.form.json` : `${file.key}.form.json`;
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    return file;
  }
}

@ApiTags('evidence')
@ApiCookieAuth()
@Controller('evidence')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  /** The raw bytes as `application/octet-stream`; the file's name and MIME type in the query. */
  @Roles(...UPLOADERS)
  @Post()
  @ApiConsumes('application/octet-stream')
  upload(@CurrentUser() user: Principal, @Query() query: UploadEvidenceQuery, @Req() req: Request) {
    if (!Buffer.isBuffer(req.body)) {
      throw new UnsupportedMediaTypeException({
        message: 'Send the file as the request body with Content-Type: application/octet-stream.',
      });
    }
    if (req.body.length === 0) throw new BadRequestException({ message: 'The file is empty.' });
    return this.evidence.upload(user.organizationId, user.userId, query.name, query.type, req.body);
  }

  @AnyRole()
  @Get(':sha256')
  async download(@CurrentUser() user: Principal, @Param('sha256') sha256: string, @Res() res: Response) {
    const file = await this.evidence.download(user.organizationId, sha256);
    res.setHeader('Content-Type', file.type);
    res.setHeader('Content-Length', String(file.size));
    const ascii = file.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(file.content);
  }
}
