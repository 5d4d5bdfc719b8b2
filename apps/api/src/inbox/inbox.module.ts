import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { InboxController, TaskActionsController } from './inbox.controller';
import { InboxService } from './inbox.service';
import { TaskActionsService } from './task-actions.service';

@Module({
  imports: [AuditModule, WorkflowModule],
  controllers: [InboxController, TaskActionsController],
  providers: [InboxService, TaskActionsService],
})
export class InboxModule {}
