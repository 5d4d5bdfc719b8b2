import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { InboxController } from './inbox.controller';
import { InboxService } from './inbox.service';

@Module({
  imports: [AuditModule, WorkflowModule],
  controllers: [InboxController],
  providers: [InboxService],
})
export class InboxModule {}
