import {
  Global,
  Injectable,
  MiddlewareConsumer,
  Module,
  NestMiddleware,
  NestModule,
  RequestMethod,
} from '@nestjs/common';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { problem, sendProblem } from '../platform/http/problem';
import { sessionToken } from '../identity/auth/auth.guard';
import { AuthService } from '../identity/auth/auth.service';
import { IdentityModule } from '../identity/identity.module';
import { FORM_BINDING } from '../workflow/form-binding';
import { BuiltInForms } from './built-in-forms.service';
import { EvidenceService, MAX_EVIDENCE_BYTES } from './evidence.service';
import { EvidenceController, FormsController } from './forms.controller';
import { FormChecks } from './form-checks';
import { FormRegistry } from './form-registry.service';
import { FormsService } from './forms.service';

const rawBody = express.raw({ type: 'application/octet-stream', limit: MAX_EVIDENCE_BYTES });

/**
 * Reads an evidence upload's bytes, but only for a signed-in caller: an anonymous request is
 * answered 401 before up to 10 MB are read. Too large a body answers 413 in the API's error shape.
 */
@Injectable()
export class EvidenceBodyMiddleware implements NestMiddleware {
  constructor(private readonly auth: AuthService) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const token = sessionToken(req);
    const principal = token ? await this.auth.resolve(token) : null;
    if (!principal) {
      sendProblem(req, res, problem(401, 'Sign in first.'));
      return;
    }
    (req as Request & { user?: unknown }).user = principal; // the guard reuses it
    evidenceBody(req, res, next);
  }
}

function evidenceBody(req: Request, res: Response, next: NextFunction): void {
  rawBody(req, res, (error?: unknown) => {
    if (!error) return next();
    const status = (error as { status?: number }).status ?? 400;
    const tooLarge = status === 413;
    const message = tooLarge ? 'The file is larger than 10 MB.' : 'The request body could not be read.';
    sendProblem(req, res, problem(status, message, { errors: [{ pointer: '', message }] }));
  });
}

/**
 * Versioned forms and evidence files. Global so that the workflow engine's optional
 * `FORM_BINDING` resolves to the registry, and so its bootstrap (built-in forms) runs before
 * the workflow module's (built-in workflows that refer to those forms).
 */
@Global()
@Module({
  imports: [IdentityModule],
  controllers: [FormsController, EvidenceController],
  providers: [
    FormChecks,
    FormRegistry,
    FormsService,
    BuiltInForms,
    EvidenceService,
    { provide: FORM_BINDING, useExisting: FormRegistry },
  ],
  exports: [FormChecks, FormRegistry, FormsService, BuiltInForms, EvidenceService, FORM_BINDING],
})
export class FormsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(EvidenceBodyMiddleware).forRoutes({ path: 'evidence', method: RequestMethod.POST });
  }
}
