import { Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/workflow.module';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsService } from './approvals.service';

@Module({ imports: [WorkflowModule], controllers: [ApprovalsController], providers: [ApprovalsService] })
export class ApprovalsModule {}
