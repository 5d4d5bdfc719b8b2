import { Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/workflow.module';
import { CertificationChecks } from './certification-checks';
import { CertificationPrefills } from './certification-prefills';

/**
 * The certification audit's server side (phase 4): the task drafts it computes (stage 1 checklist,
 * stage 2 dates, the findings' default deadline, the certificate's expiry) and the checks on its
 * submissions. The processes are `workflows/certification-audit` and `workflows/certification-finding`;
 * deadlines are task due dates (`meta.task.dueOn`), with their reminder and escalation.
 */
@Module({
  imports: [WorkflowModule],
  providers: [CertificationPrefills, CertificationChecks],
})
export class CertificationModule {}
