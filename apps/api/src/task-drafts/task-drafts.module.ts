import { Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/workflow.module';
import { TaskDraftsController } from './task-drafts.controller';
import { TaskDrafts } from './task-drafts.service';

/** Drafts of task forms (UX review H4): saved per task and person, gone when the task closes. */
@Module({
  imports: [WorkflowModule],
  controllers: [TaskDraftsController],
  providers: [TaskDrafts],
})
export class TaskDraftsModule {}
