import type { WorkflowDefinitionInput } from '@aimsflow/engine';
import { aiImpactAssessmentWorkflow } from './ai-impact-assessment/definition';
import { aiObjectivesApprovalWorkflow } from './ai-objectives-approval/definition';
import { aiPolicyApprovalWorkflow } from './ai-policy-approval/definition';
import { aiRiskAssessmentWorkflow } from './ai-risk-assessment/definition';
import { certificationAuditWorkflow } from './certification-audit/definition';
import { certificationFindingWorkflow } from './certification-finding/definition';
import { concernWorkflow } from './concern/definition';
import { correctiveActionWorkflow } from './corrective-action/definition';
import { documentApprovalWorkflow } from './document-approval/definition';
import { gapAnalysisWorkflow } from './gap-analysis/definition';
import { gapAnalysisItems, type GapItem } from './gap-analysis/items';
import { gapAssessmentItemReviewWorkflow } from './gap-assessment-item-review/definition';
import { incidentWorkflow } from './incident/definition';
import { AUDIT_INDEPENDENCE, internalAuditWorkflow } from './internal-audit/definition';
import { internalAuditProgrammeWorkflow } from './internal-audit-programme/definition';
import { itemReviewWorkflow } from './item-review/definition';
import { managementReviewWorkflow } from './management-review/definition';
import { monitoringCycle, monitoringCycleWorkflow } from './monitoring-cycle/definition';
import { nonconformityWorkflow } from './nonconformity/definition';
import { phaseBuildImplementWorkflow } from './phase-build-implement/definition';
import { phaseCertificationWorkflow } from './phase-certification/definition';
import { phaseMaintainEnhanceWorkflow } from './phase-maintain-enhance/definition';
import { phaseMonitorEvaluateImproveWorkflow } from './phase-monitor-evaluate-improve/definition';
import { phasePlanPrepareWorkflow } from './phase-plan-prepare/definition';
import { reviewActionWorkflow } from './review-action/definition';
import { roadmapWorkflow } from './roadmap/definition';
import { soaEntryReviewWorkflow } from './soa-entry-review/definition';

export {
  aiImpactAssessmentWorkflow,
  aiObjectivesApprovalWorkflow,
  aiPolicyApprovalWorkflow,
  aiRiskAssessmentWorkflow,
  concernWorkflow,
  correctiveActionWorkflow,
  documentApprovalWorkflow,
  gapAnalysisItems,
  gapAnalysisWorkflow,
  gapAssessmentItemReviewWorkflow,
  incidentWorkflow,
  AUDIT_INDEPENDENCE,
  internalAuditProgrammeWorkflow,
  internalAuditWorkflow,
  itemReviewWorkflow,
  managementReviewWorkflow,
  monitoringCycle,
  monitoringCycleWorkflow,
  nonconformityWorkflow,
  reviewActionWorkflow,
  phaseBuildImplementWorkflow,
  phaseCertificationWorkflow,
  phaseMaintainEnhanceWorkflow,
  phaseMonitorEvaluateImproveWorkflow,
  phasePlanPrepareWorkflow,
  roadmapWorkflow,
  soaEntryReviewWorkflow,
  type GapItem,
  certificationAuditWorkflow,
  certificationFindingWorkflow,
};

/**
 * Definitions shipped with the product; the server deploys them in this order (a no-op when the
 * hash is unchanged), so every child comes before the definitions that start it.
 */
export const builtInWorkflows: WorkflowDefinitionInput[] = [
  // General-purpose building blocks.
  documentApprovalWorkflow,
  itemReviewWorkflow,
  // Processes the phases start.
  gapAssessmentItemReviewWorkflow,
  gapAnalysisWorkflow,
  aiPolicyApprovalWorkflow,
  aiObjectivesApprovalWorkflow,
  aiRiskAssessmentWorkflow,
  aiImpactAssessmentWorkflow,
  soaEntryReviewWorkflow,
  // Nonconformity and corrective action (10.2): each action is a child of the nonconformity.
  correctiveActionWorkflow,
  nonconformityWorkflow,
  // Raised by anyone signed in (A.8.4, A.3.3); either may raise a nonconformity.
  incidentWorkflow,
  concernWorkflow,
  // Internal audit (9.2); `internal-audit` starts `nonconformity`, which must be listed before it.
  internalAuditWorkflow,
  internalAuditProgrammeWorkflow,
  // Management review (9.3) and its tracked actions; monitoring and measurement (9.1), whose
  // missed targets may raise a nonconformity (listed above it).
  reviewActionWorkflow,
  managementReviewWorkflow,
  monitoringCycleWorkflow,
  // Certification (phase 4): each finding starts `nonconformity`, listed above.
  certificationFindingWorkflow,
  certificationAuditWorkflow,
  // The five phases, then the programme that runs them.
  phasePlanPrepareWorkflow,
  phaseBuildImplementWorkflow,
  phaseMonitorEvaluateImproveWorkflow,
  phaseCertificationWorkflow,
  phaseMaintainEnhanceWorkflow,
  roadmapWorkflow,
];

export { builtInRegisters } from './registers';
