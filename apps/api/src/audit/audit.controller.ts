import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { CurrentUser, Roles } from '../identity/auth/decorators';
import type { Principal } from '../identity/auth/principal';
import { exportAuditTrail } from './audit-export';
import { AUDIT_SIGNING_KEY, type AuditSigningKey } from './audit-signing-key';
import { verifyAuditTrail } from './audit-verifier';

/** The organisation's audit trail, for the people who check it. */
@ApiTags('audit')
@ApiCookieAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(AUDIT_SIGNING_KEY) private readonly key: AuditSigningKey,
  ) {}

  @Roles('admin', 'internal-auditor', 'external-auditor')
  @Get('verify')
  @ApiOkResponse({
    description:
      '`{ok, records, chains, checkpoints, lastCheckpointAt, unsealedChains, firstBroken?: {chainId, seq, id?, reason}}`: every chain of the organisation recomputed, its heads and signed checkpoints checked',
  })
  async verify(@CurrentUser() user: Principal) {
    const [report] = await verifyAuditTrail(this.dataSource, {
      organizationId: user.organizationId,
      trustedKeys: [this.key.publicKey],
    });
    const { organizationId: _org, ...rest } = report;
    return { ...rest, keyId: this.key.keyId };
  }

  @Roles('admin', 'internal-auditor', 'external-auditor')
  @Get('export')
  @ApiProduces('application/x-ndjson')
  @ApiOkResponse({
    description:
      'JSON Lines: a header with the public key, then every record `{type:"record", chainId, seq, prevHash, hash, body}` (body = the exact canonical text hashed) and every signed checkpoint. The README gives the rule to re-verify it.',
  })
  async export(@CurrentUser() user: Principal, @Res() res: Response) {
    res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="audit-trail.jsonl"');
    await exportAuditTrail(this.dataSource, user.organizationId, this.key, (line) => {
      res.write(`${line}\n`);
    });
    res.end();
  }
}
