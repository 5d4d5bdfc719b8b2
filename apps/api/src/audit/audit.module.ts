import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../platform/config';
import { AuditCheckpointer } from './audit-checkpointer.service';
import { AUDIT_SIGNING_KEY } from './audit-signing-key';
import { loadAuditSigningKey } from './audit-signing-key';
import { AuditTrailService } from './audit-trail.service';
import { AuditController } from './audit.controller';

@Module({
  controllers: [AuditController],
  providers: [
    AuditTrailService,
    AuditCheckpointer,
    {
      provide: AUDIT_SIGNING_KEY,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => loadAuditSigningKey(c),
    },
  ],
  exports: [AuditTrailService, AuditCheckpointer, AUDIT_SIGNING_KEY],
})
export class AuditModule {}
