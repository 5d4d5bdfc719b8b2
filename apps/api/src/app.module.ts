import { DynamicModule, Module } from '@nestjs/common';
import { ApprovalsModule } from './approvals/approvals.module';
import { AuditsModule } from './audits/audits.module';
import { CertificationModule } from './certification/certification.module';
import { FormsModule } from './forms/forms.module';
import { HealthController } from './health/health.controller';
import { IdentityModule } from './identity/identity.module';
import { InboxModule } from './inbox/inbox.module';
import { ManagementReviewModule } from './management-review/management-review.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ProgrammeModule } from './programme/programme.module';
import { RegistersModule } from './registers/registers.module';
import { TasksModule } from './tasks/tasks.module';
import { WorkflowModule } from './workflow/workflow.module';
import { AuditModule } from './audit/audit.module';
import { EvidencePackModule } from './evidence-pack/evidence-pack.module';
import type { AppConfig } from './platform/config';
import { ConfigModule } from './platform/config.module';
import type { Database } from './platform/database/database';
import { DatabaseModule } from './platform/database/database.module';

@Module({})
export class AppModule {
  static forDatabase(database: Database, config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forConfig(config),
        DatabaseModule.forDatabase(database),
        AuditModule,
        IdentityModule,
        FormsModule,
        WorkflowModule,
        InboxModule,
        ApprovalsModule,
        NotificationsModule,
        RegistersModule,
        ManagementReviewModule,
        ProgrammeModule,
        AuditsModule,
        CertificationModule,
        TasksModule,
        EvidencePackModule,
      ],
      controllers: [HealthController],
    };
  }
}
