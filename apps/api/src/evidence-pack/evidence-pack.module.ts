import {
  Injectable,
  MiddlewareConsumer,
  Module,
  NestMiddleware,
  NestModule,
  RequestMethod,
} from '@nestjs/common';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { AuditModule } from '../audit/audit.module';
import { sessionToken } from '../identity/auth/auth.guard';
import { AuthService } from '../identity/auth/auth.service';
import { IdentityModule } from '../identity/identity.module';
import { problem, sendProblem } from '../platform/http/problem';
import { RegistersModule } from '../registers/registers.module';
import { EvidencePackController } from './evidence-pack.controller';
import { EvidencePackService } from './evidence-pack.service';
import { PackSigningKeys } from './pack-signing-key';
import { ReadinessService } from './readiness.service';

/** The largest pack the upload check reads. */
export const MAX_PACK_BYTES = 64 * 1024 * 1024;
const rawPack = express.raw({ type: ['application/zip', 'application/octet-stream'], limit: MAX_PACK_BYTES });

/** Reads an uploaded pack only for a signed-in caller: an anonymous request is answered 401 first. */
@Injectable()
export class PackBodyMiddleware implements NestMiddleware {
  constructor(private readonly auth: AuthService) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const token = sessionToken(req);
    const principal = token ? await this.auth.resolve(token) : null;
    if (!principal) {
      sendProblem(req, res, problem(401, 'Sign in first.'));
      return;
    }
    (req as Request & { user?: unknown }).user = principal;
    rawPack(req, res, (error?: unknown) => {
      if (!error) return next();
      const status = (error as { status?: number }).status ?? 400;
      const message =
        status === 413
          ? 'The pack is larger than 64 MB (the upload check reads it whole; use npm run pack:verify for larger packs).'
          : 'The request body could not be read.';
      sendProblem(req, res, problem(status, message, { errors: [{ pointer: '', message }] }));
    });
  }
}

/** The evidence pack for the certification body, its verification, and the readiness view. */
@Module({
  imports: [IdentityModule, AuditModule, RegistersModule],
  controllers: [EvidencePackController],
  providers: [EvidencePackService, PackSigningKeys, ReadinessService],
})
export class EvidencePackModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(PackBodyMiddleware)
      .forRoutes({ path: 'evidence-pack/verify', method: RequestMethod.POST });
  }
}
