import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { TaskActionsService } from './task-actions.service';
import { TaskDraftsController } from './task-drafts.controller';
import { TaskDrafts } from './task-drafts.service';
import { TaskActionsController, TasksController } from './tasks.controller';

/**
 * Every `/api/tasks` route: the task and its completion (run by the engine's runtime), assignment,
 * delegation, due dates, comments, and drafts of its form (saved per task and person, gone when the
 * task closes). The inbox lists tasks; this module acts on one.
 */
@Module({
  imports: [AuditModule, WorkflowModule],
  controllers: [TasksController, TaskActionsController, TaskDraftsController],
  providers: [TaskActionsService, TaskDrafts],
})
export class TasksModule {}
