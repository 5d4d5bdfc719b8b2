import {
  BadRequestException,
  Controller,
  Get,
  Header,
  HttpCode,
  Logger,
  Post,
  Req,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ApiConsumes, ApiCookieAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AnyRole, CurrentUser, ReadOnlyOk, Roles } from '../identity/auth/decorators';
import type { Principal } from '../identity/auth/principal';
import type { Role } from '../identity/roles';
import { EvidencePackService, safeName } from './evidence-pack.service';
import { PackAborted } from './pack-zip';
import { PackSigningKeys } from './pack-signing-key';
import { verifyPack } from './pack-verify';
import { ReadinessService } from './readiness.service';

/** Who may download and check a pack: the AIMS manager and the certification body's auditor. */
export const PACK_ROLES: Role[] = ['aims-manager', 'external-auditor'];

@ApiTags('evidence-pack')
@ApiCookieAuth()
@Controller()
export class EvidencePackController {
  private readonly logger = new Logger('EvidencePack');

  constructor(
    private readonly packs: EvidencePackService,
    private readonly keys: PackSigningKeys,
    private readonly readiness: ReadinessService,
  ) {}

  /**
   * The pack as a zip, streamed while it is built. `X-Pack-Files` says how many files it lists and
   * `X-Pack-Estimated-Bytes` about how large it will be, for the client's progress bar.
   */
  @Roles(...PACK_ROLES)
  @Get('evidence-pack')
  @ApiProduces('application/zip')
  async download(@CurrentUser() user: Principal, @Res() res: Response) {
    const plan = await this.packs.plan(user.organizationId);
    const started = Date.now();
    const date = new Date().toISOString().slice(0, 10);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="evidence-pack-${safeName(plan.organization.slug)}-${date}.zip"`,
    );
    res.setHeader('X-Pack-Files', String(plan.files));
    res.setHeader('X-Pack-Estimated-Bytes', String(plan.estimatedBytes));
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Access-Control-Expose-Headers', 'X-Pack-Files, X-Pack-Estimated-Bytes');
    res.flushHeaders();
    try {
      const manifest = await this.packs.build(plan, user, res);
      res.end();
      this.logger.log(
        `evidence pack for ${plan.organization.slug}: ${manifest.files.length} files in ${Date.now() - started} ms`,
      );
    } catch (error) {
      // The headers are gone: a broken stream is how the client learns the pack is incomplete.
      if (!(error instanceof PackAborted))
        this.logger.error(`evidence pack failed: ${(error as Error).stack}`);
      res.destroy();
    }
  }

  /** The organisation's pack signing key, to pin in a verifier (`npm run pack:verify -- FILE --key KEY.pem`). */
  @AnyRole()
  @Get('evidence-pack/public-key')
  @ApiOkResponse({ description: '`{algorithm: "Ed25519", keyId, publicKeyPem}`' })
  publicKey(@CurrentUser() user: Principal) {
    return this.keys.publicKey(user.organizationId);
  }

  /**
   * Checks an uploaded pack (the zip as the request body, `application/zip` or
   * `application/octet-stream`) against the organisation's own key: `{ok, signature, problems, …}`.
   */
  @Roles(...PACK_ROLES)
  @ReadOnlyOk()
  @Post('evidence-pack/verify')
  @HttpCode(200)
  @ApiConsumes('application/zip', 'application/octet-stream')
  async verify(@CurrentUser() user: Principal, @Req() req: Request) {
    if (!Buffer.isBuffer(req.body))
      throw new UnsupportedMediaTypeException({
        message: 'Send the pack as the request body with Content-Type: application/zip.',
      });
    if (req.body.length === 0) throw new BadRequestException({ message: 'The file is empty.' });
    const key = await this.keys.publicKey(user.organizationId);
    return verifyPack(req.body, key.publicKeyPem);
  }

  /** Ready / gap / no evidence for each requirement area of clauses 4–10 and each applicable control. */
  @AnyRole()
  @Get('readiness')
  @ApiOkResponse({ description: '`{generatedAt, rule, items, groups, totals, undecidedControls}`' })
  readinessReport(@CurrentUser() user: Principal) {
    return this.readiness.report(user.organizationId);
  }

  @AnyRole()
  @Get('readiness.csv')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="readiness.csv"')
  async readinessCsv(@CurrentUser() user: Principal) {
    return this.readiness.csv(await this.readiness.report(user.organizationId));
  }
}
