import { Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/workflow.module';
import { AuditChecks } from './audit-checks';
import { AuditPrefills } from './audit-prefills';

/**
 * The internal audit's server side (9.2): the task drafts it computes (plan, checklist, report) and
 * the checks on its submissions. The processes are `workflows/internal-audit*`; independence is the
 * generic `meta.task.independence` rule of the workflow feature, with owners from the registers.
 */
@Module({
  imports: [WorkflowModule],
  providers: [AuditPrefills, AuditChecks],
})
export class AuditsModule {}
