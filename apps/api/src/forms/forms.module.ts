import { Global, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { FORM_BINDING } from '../workflow/form-binding';
import { BuiltInForms } from './built-in-forms.service';
import { EvidenceService, MAX_EVIDENCE_BYTES } from './evidence.service';
import { EvidenceController, FormsController } from './forms.controller';
import { FormRegistry } from './form-registry.service';
import { FormsService } from './forms.service';

const rawBody = express.raw({ type: 'application/octet-stream', limit: MAX_EVIDENCE_BYTES });

/** Reads an evidence upload's bytes; too large a body answers 413 in the API's error shape. */
function evidenceBody(req: Request, res: Response, next: NextFunction): void {
  rawBody(req, res, (error?: unknown) => {
    if (!error) return next();
    const status = (error as { status?: number }).status ?? 400;
    const tooLarge = status === 413;
    res.status(status).json({
      statusCode: status,
      error: tooLarge ? 'Payload Too Large' : 'Bad Request',
      message: tooLarge ? 'The file is larger than 10 MB.' : 'The request body could not be read.',
    });
  });
}

/**
 * Versioned forms and evidence files. Global so that the workflow engine's optional
 * `FORM_BINDING` resolves to the registry, and so its bootstrap (built-in forms) runs before
 * the workflow module's (built-in workflows that refer to those forms).
 */
@Global()
@Module({
  controllers: [FormsController, EvidenceController],
  providers: [
    FormRegistry,
    FormsService,
    BuiltInForms,
    EvidenceService,
    { provide: FORM_BINDING, useExisting: FormRegistry },
  ],
  exports: [FormRegistry, FormsService, BuiltInForms, EvidenceService, FORM_BINDING],
})
export class FormsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(evidenceBody).forRoutes({ path: 'evidence', method: RequestMethod.POST });
  }
}
