/**
 * The built-in forms the product ships, one folder per form key: `<key>/form.json` holds
 * { key, title, description, schema, uiSchema } and `<key>/examples/` holds sample submissions named
 * `valid-<what-it-shows>.json` / `invalid-<what-it-shows>.json`. Definitions only: no I/O, safe in
 * browser and server. When adding a form or an example, list it here; a test checks this list
 * against the folders.
 */
import approvalDecision from './approval-decision/form.json';
import approvalDecisionValidApproveWithoutComment from './approval-decision/examples/valid-approve-without-comment.json';
import approvalDecisionValidRejectWithReason from './approval-decision/examples/valid-reject-with-reason.json';
import approvalDecisionValidRequestChangesWithList from './approval-decision/examples/valid-request-changes-with-list.json';
import approvalDecisionValidApproveWithConditions from './approval-decision/examples/valid-approve-with-conditions.json';
import approvalDecisionInvalidRejectWithoutReason from './approval-decision/examples/invalid-reject-without-reason.json';
import approvalDecisionInvalidRejectWithEmptyReason from './approval-decision/examples/invalid-reject-with-empty-reason.json';
import approvalDecisionInvalidMissingDecision from './approval-decision/examples/invalid-missing-decision.json';
import approvalDecisionInvalidUnknownDecision from './approval-decision/examples/invalid-unknown-decision.json';
import orientationChecklist from './orientation-checklist/form.json';
import orientationChecklistValidAllTopics from './orientation-checklist/examples/valid-all-topics.json';
import orientationChecklistValidOneTopicWithQuestion from './orientation-checklist/examples/valid-one-topic-with-question.json';
import orientationChecklistInvalidRoleNotConfirmed from './orientation-checklist/examples/invalid-role-not-confirmed.json';
import orientationChecklistInvalidNoTopics from './orientation-checklist/examples/invalid-no-topics.json';
import orientationChecklistInvalidMalformedDate from './orientation-checklist/examples/invalid-malformed-date.json';
import orientationChecklistInvalidDuplicateTopic from './orientation-checklist/examples/invalid-duplicate-topic.json';
import awarenessAcknowledgement from './awareness-acknowledgement/form.json';
import awarenessAcknowledgementValidAcknowledgedWithoutTraining from './awareness-acknowledgement/examples/valid-acknowledged-without-training.json';
import awarenessAcknowledgementValidAcknowledgedWithTrainingDate from './awareness-acknowledgement/examples/valid-acknowledged-with-training-date.json';
import awarenessAcknowledgementValidTrainingNotDone from './awareness-acknowledgement/examples/valid-training-not-done.json';
import awarenessAcknowledgementInvalidNotAcknowledged from './awareness-acknowledgement/examples/invalid-not-acknowledged.json';
import awarenessAcknowledgementInvalidTrainingWithoutDate from './awareness-acknowledgement/examples/invalid-training-without-date.json';
import awarenessAcknowledgementInvalidMissingPolicyVersion from './awareness-acknowledgement/examples/invalid-missing-policy-version.json';
import leadershipCommitment from './leadership-commitment/form.json';
import leadershipCommitmentValidWithBudget from './leadership-commitment/examples/valid-with-budget.json';
import leadershipCommitmentValidWithoutBudget from './leadership-commitment/examples/valid-without-budget.json';
import leadershipCommitmentInvalidStatementTooShort from './leadership-commitment/examples/invalid-statement-too-short.json';
import leadershipCommitmentInvalidNegativeBudget from './leadership-commitment/examples/invalid-negative-budget.json';
import leadershipCommitmentInvalidSignerNotAUserId from './leadership-commitment/examples/invalid-signer-not-a-user-id.json';
import contextIssues from './context-issues/form.json';
import contextIssuesValidTwoIssues from './context-issues/examples/valid-two-issues.json';
import contextIssuesValidOneIssueWithNotes from './context-issues/examples/valid-one-issue-with-notes.json';
import contextIssuesInvalidNoIssues from './context-issues/examples/invalid-no-issues.json';
import contextIssuesInvalidIssueWithoutOrigin from './context-issues/examples/invalid-issue-without-origin.json';
import contextIssuesInvalidClimateNotAnswered from './context-issues/examples/invalid-climate-not-answered.json';
import interestedParties from './interested-parties/form.json';
import interestedPartiesValidRegulatorAddressed from './interested-parties/examples/valid-regulator-addressed.json';
import interestedPartiesValidPartyNotAddressedWithReason from './interested-parties/examples/valid-party-not-addressed-with-reason.json';
import interestedPartiesInvalidNotAddressedWithoutReason from './interested-parties/examples/invalid-not-addressed-without-reason.json';
import interestedPartiesInvalidUnknownCategory from './interested-parties/examples/invalid-unknown-category.json';
import interestedPartiesInvalidEmptyList from './interested-parties/examples/invalid-empty-list.json';
import aimsScope from './aims-scope/form.json';
import aimsScopeValidNoExclusions from './aims-scope/examples/valid-no-exclusions.json';
import aimsScopeValidWithExclusions from './aims-scope/examples/valid-with-exclusions.json';
import aimsScopeInvalidExclusionsWithoutText from './aims-scope/examples/invalid-exclusions-without-text.json';
import aimsScopeInvalidNoRoles from './aims-scope/examples/invalid-no-roles.json';
import aimsScopeInvalidAiSystemNotAnId from './aims-scope/examples/invalid-ai-system-not-an-id.json';
import gapAssessmentItem from './gap-assessment-item/form.json';
import gapAssessmentItemValidPartialWithEvidence from './gap-assessment-item/examples/valid-partial-with-evidence.json';
import gapAssessmentItemValidNotApplicableWithJustification from './gap-assessment-item/examples/valid-not-applicable-with-justification.json';
import gapAssessmentItemValidClauseImplemented from './gap-assessment-item/examples/valid-clause-implemented.json';
import gapAssessmentItemInvalidNotApplicableWithoutJustification from './gap-assessment-item/examples/invalid-not-applicable-without-justification.json';
import gapAssessmentItemInvalidUnknownStatus from './gap-assessment-item/examples/invalid-unknown-status.json';
import gapAssessmentItemInvalidEvidenceWithBadHash from './gap-assessment-item/examples/invalid-evidence-with-bad-hash.json';
import gapAssessmentItemInvalidRequirementNotAClause from './gap-assessment-item/examples/invalid-requirement-not-a-clause.json';
import gapConsolidation from './gap-consolidation/form.json';
import gapConsolidationValidTwoGaps from './gap-consolidation/examples/valid-two-gaps.json';
import gapConsolidationValidNoGaps from './gap-consolidation/examples/valid-no-gaps.json';
import gapConsolidationInvalidGapWithoutPriority from './gap-consolidation/examples/invalid-gap-without-priority.json';
import gapConsolidationInvalidMissingSummary from './gap-consolidation/examples/invalid-missing-summary.json';
import projectPlan from './project-plan/form.json';
import projectPlanValidTwoPhases from './project-plan/examples/valid-two-phases.json';
import projectPlanInvalidPhaseWithoutOwner from './project-plan/examples/invalid-phase-without-owner.json';
import projectPlanInvalidNoPhases from './project-plan/examples/invalid-no-phases.json';
import projectPlanInvalidBudgetAsText from './project-plan/examples/invalid-budget-as-text.json';
import aiPolicy from './ai-policy/form.json';
import aiPolicyValidFirstVersion from './ai-policy/examples/valid-first-version.json';
import aiPolicyInvalidVersionNotMajorMinor from './ai-policy/examples/invalid-version-not-major-minor.json';
import aiPolicyInvalidReviewIntervalTooLong from './ai-policy/examples/invalid-review-interval-too-long.json';
import aiPolicyInvalidDocumentMissing from './ai-policy/examples/invalid-document-missing.json';
import aiPolicyInvalidFileWithExtraProperty from './ai-policy/examples/invalid-file-with-extra-property.json';
import aiObjectives from './ai-objectives/form.json';
import aiObjectivesValidOneFairnessObjective from './ai-objectives/examples/valid-one-fairness-objective.json';
import aiObjectivesInvalidObjectiveWithoutMeasure from './ai-objectives/examples/invalid-objective-without-measure.json';
import aiObjectivesInvalidUnknownTheme from './ai-objectives/examples/invalid-unknown-theme.json';
import aiSystemRegistration from './ai-system-registration/form.json';
import aiSystemRegistrationValidDeployedChatbotWithPersonalData from './ai-system-registration/examples/valid-deployed-chatbot-with-personal-data.json';
import aiSystemRegistrationValidInternalModelWithoutPersonalData from './ai-system-registration/examples/valid-internal-model-without-personal-data.json';
import aiSystemRegistrationInvalidPersonalDataNotDescribed from './ai-system-registration/examples/invalid-personal-data-not-described.json';
import aiSystemRegistrationInvalidUnknownStage from './ai-system-registration/examples/invalid-unknown-stage.json';
import aiSystemRegistrationInvalidComponentWithoutName from './ai-system-registration/examples/invalid-component-without-name.json';
import aiRiskAssessment from './ai-risk-assessment/form.json';
import aiRiskAssessmentValidModifiedWithControls from './ai-risk-assessment/examples/valid-modified-with-controls.json';
import aiRiskAssessmentValidRetainedWithRationale from './ai-risk-assessment/examples/valid-retained-with-rationale.json';
import aiRiskAssessmentValidOtherSourceDescribed from './ai-risk-assessment/examples/valid-other-source-described.json';
import aiRiskAssessmentInvalidLikelihoodOutOfRange from './ai-risk-assessment/examples/invalid-likelihood-out-of-range.json';
import aiRiskAssessmentInvalidRetainedWithoutRationale from './ai-risk-assessment/examples/invalid-retained-without-rationale.json';
import aiRiskAssessmentInvalidControlIdMalformed from './ai-risk-assessment/examples/invalid-control-id-malformed.json';
import aiRiskAssessmentInvalidUnknownTreatment from './ai-risk-assessment/examples/invalid-unknown-treatment.json';
import aiImpactAssessment from './ai-impact-assessment/form.json';
import aiImpactAssessmentValidAcceptable from './ai-impact-assessment/examples/valid-acceptable.json';
import aiImpactAssessmentValidConditionalWithConditions from './ai-impact-assessment/examples/valid-conditional-with-conditions.json';
import aiImpactAssessmentInvalidConditionalWithoutConditions from './ai-impact-assessment/examples/invalid-conditional-without-conditions.json';
import aiImpactAssessmentInvalidSeverityNotInteger from './ai-impact-assessment/examples/invalid-severity-not-integer.json';
import aiImpactAssessmentInvalidNoImpacts from './ai-impact-assessment/examples/invalid-no-impacts.json';
import soaEntry from './soa-entry/form.json';
import soaEntryValidApplicableImplemented from './soa-entry/examples/valid-applicable-implemented.json';
import soaEntryValidExcludedWithReason from './soa-entry/examples/valid-excluded-with-reason.json';
import soaEntryInvalidExcludedWithoutReason from './soa-entry/examples/invalid-excluded-without-reason.json';
import soaEntryInvalidApplicableWithoutStatus from './soa-entry/examples/invalid-applicable-without-status.json';
import soaEntryInvalidControlNotAnnexAForm from './soa-entry/examples/invalid-control-not-annex-a-form.json';
import genericTask from './generic-task/form.json';
import genericTaskValidDoneWithNote from './generic-task/examples/valid-done-with-note.json';
import genericTaskValidDoneOnly from './generic-task/examples/valid-done-only.json';
import genericTaskInvalidNotDone from './generic-task/examples/invalid-not-done.json';
import genericTaskInvalidDoneMissing from './generic-task/examples/invalid-done-missing.json';
import managementReviewPreparation from './management-review-preparation/form.json';
import managementReviewPreparationInvalidMalformedDate from './management-review-preparation/examples/invalid-malformed-date.json';
import managementReviewPreparationInvalidWithoutTopManagement from './management-review-preparation/examples/invalid-without-top-management.json';
import managementReviewPreparationValidScheduledWithCeo from './management-review-preparation/examples/valid-scheduled-with-ceo.json';
import managementReviewMinutes from './management-review-minutes/form.json';
import managementReviewMinutesInvalidActionWithoutOwner from './management-review-minutes/examples/invalid-action-without-owner.json';
import managementReviewMinutesInvalidPackNotConsidered from './management-review-minutes/examples/invalid-pack-not-considered.json';
import managementReviewMinutesValidNoActions from './management-review-minutes/examples/valid-no-actions.json';
import managementReviewMinutesValidTwoActions from './management-review-minutes/examples/valid-two-actions.json';
import reviewActionUpdate from './review-action-update/form.json';
import reviewActionUpdateInvalidUnknownStatus from './review-action-update/examples/invalid-unknown-status.json';
import reviewActionUpdateInvalidWithoutNote from './review-action-update/examples/invalid-without-note.json';
import reviewActionUpdateValidDone from './review-action-update/examples/valid-done.json';
import monitoringMetrics from './monitoring-metrics/form.json';
import monitoringMetricsInvalidMetricWithoutTarget from './monitoring-metrics/examples/invalid-metric-without-target.json';
import monitoringMetricsInvalidNoMetrics from './monitoring-metrics/examples/invalid-no-metrics.json';
import monitoringMetricsValidChatbotAccuracy from './monitoring-metrics/examples/valid-chatbot-accuracy.json';
import measurementResults from './measurement-results/form.json';
import measurementResultsInvalidNoResults from './measurement-results/examples/invalid-no-results.json';
import measurementResultsInvalidNonconformityWithoutGrade from './measurement-results/examples/invalid-nonconformity-without-grade.json';
import measurementResultsValidBreachRaisesNonconformity from './measurement-results/examples/valid-breach-raises-nonconformity.json';
import measurementResultsValidTargetMet from './measurement-results/examples/valid-target-met.json';
import nonconformityRecord from './nonconformity-record/form.json';
import nonconformityRecordInvalidControlNotAnnexAForm from './nonconformity-record/examples/invalid-control-not-annex-a-form.json';
import nonconformityRecordInvalidMissingSource from './nonconformity-record/examples/invalid-missing-source.json';
import nonconformityRecordInvalidUnknownGrade from './nonconformity-record/examples/invalid-unknown-grade.json';
import nonconformityRecordValidAuditFindingAgainstAClause from './nonconformity-record/examples/valid-audit-finding-against-a-clause.json';
import nonconformityRecordValidComplaintAgainstAControl from './nonconformity-record/examples/valid-complaint-against-a-control.json';
import nonconformityContainment from './nonconformity-containment/form.json';
import nonconformityContainmentInvalidCorrectionMissing from './nonconformity-containment/examples/invalid-correction-missing.json';
import nonconformityContainmentInvalidMalformedDate from './nonconformity-containment/examples/invalid-malformed-date.json';
import nonconformityContainmentValidContainedAndCorrected from './nonconformity-containment/examples/valid-contained-and-corrected.json';
import nonconformityRootCause from './nonconformity-root-cause/form.json';
import nonconformityRootCauseInvalidNoWhys from './nonconformity-root-cause/examples/invalid-no-whys.json';
import nonconformityRootCauseInvalidUnknownCategory from './nonconformity-root-cause/examples/invalid-unknown-category.json';
import nonconformityRootCauseValidFiveWhysCouldOccurElsewhere from './nonconformity-root-cause/examples/valid-five-whys-could-occur-elsewhere.json';
import nonconformityRootCauseValidNoneElsewhere from './nonconformity-root-cause/examples/valid-none-elsewhere.json';
import correctiveActionPlan from './corrective-action-plan/form.json';
import correctiveActionPlanInvalidActionWithoutOwner from './corrective-action-plan/examples/invalid-action-without-owner.json';
import correctiveActionPlanInvalidNoActions from './corrective-action-plan/examples/invalid-no-actions.json';
import correctiveActionPlanInvalidUnknownCheckDelay from './corrective-action-plan/examples/invalid-unknown-check-delay.json';
import correctiveActionPlanValidOneActionDefaultCheck from './corrective-action-plan/examples/valid-one-action-default-check.json';
import correctiveActionPlanValidTwoActions from './corrective-action-plan/examples/valid-two-actions.json';
import correctiveActionReport from './corrective-action-report/form.json';
import correctiveActionReportInvalidFileWithBadHash from './corrective-action-report/examples/invalid-file-with-bad-hash.json';
import correctiveActionReportInvalidNothingSaid from './corrective-action-report/examples/invalid-nothing-said.json';
import correctiveActionReportValidDoneWithEvidence from './corrective-action-report/examples/valid-done-with-evidence.json';
import incidentReport from './incident-report/form.json';
import incidentReportInvalidNoDate from './incident-report/examples/invalid-no-date.json';
import incidentReportInvalidSystemNotAnId from './incident-report/examples/invalid-system-not-an-id.json';
import incidentReportValidWrongDecisions from './incident-report/examples/valid-wrong-decisions.json';
import concernReport from './concern-report/form.json';
import concernReportInvalidDetailsTooShort from './concern-report/examples/invalid-details-too-short.json';
import concernReportInvalidUnknownTopic from './concern-report/examples/invalid-unknown-topic.json';
import concernReportValidFairnessConcern from './concern-report/examples/valid-fairness-concern.json';
import reportTriage from './report-triage/form.json';
import reportTriageInvalidDecisionMissing from './report-triage/examples/invalid-decision-missing.json';
import reportTriageInvalidUnknownSeverity from './report-triage/examples/invalid-unknown-severity.json';
import reportTriageInvalidNonconformityWithoutGrade from './report-triage/examples/invalid-nonconformity-without-grade.json';
import reportTriageValidNoNonconformity from './report-triage/examples/valid-no-nonconformity.json';
import reportTriageValidRaiseMajorNonconformity from './report-triage/examples/valid-raise-major-nonconformity.json';
import reportResponse from './report-response/form.json';
import reportResponseInvalidNothingDone from './report-response/examples/invalid-nothing-done.json';
import reportResponseValidResolved from './report-response/examples/valid-resolved.json';
import reportCommunication from './report-communication/form.json';
import reportCommunicationInvalidPartyWithoutDate from './report-communication/examples/invalid-party-without-date.json';
import reportCommunicationValidCustomersAndRegulator from './report-communication/examples/valid-customers-and-regulator.json';
import reportCommunicationValidNobodyToTell from './report-communication/examples/valid-nobody-to-tell.json';
import internalAuditProgramme from './internal-audit-programme/form.json';
import internalAuditProgrammeInvalidAuditWithoutDates from './internal-audit-programme/examples/invalid-audit-without-dates.json';
import internalAuditProgrammeInvalidClauseNotAClause from './internal-audit-programme/examples/invalid-clause-not-a-clause.json';
import internalAuditProgrammeInvalidNoAudits from './internal-audit-programme/examples/invalid-no-audits.json';
import internalAuditProgrammeValidWholeStandardInTwoAudits from './internal-audit-programme/examples/valid-whole-standard-in-two-audits.json';
import internalAuditPlan from './internal-audit-plan/form.json';
import internalAuditPlanInvalidLeadAuditorNotAUserId from './internal-audit-plan/examples/invalid-lead-auditor-not-a-user-id.json';
import internalAuditPlanInvalidNoAuditee from './internal-audit-plan/examples/invalid-no-auditee.json';
import internalAuditPlanInvalidUnknownControl from './internal-audit-plan/examples/invalid-unknown-control.json';
import internalAuditPlanValidClausesAndControls from './internal-audit-plan/examples/valid-clauses-and-controls.json';
import auditChecklist from './audit-checklist/form.json';
import auditChecklistInvalidLineWithoutResult from './audit-checklist/examples/invalid-line-without-result.json';
import auditChecklistInvalidUnknownResult from './audit-checklist/examples/invalid-unknown-result.json';
import auditChecklistValidOneNonconformity from './audit-checklist/examples/valid-one-nonconformity.json';
import auditReport from './audit-report/form.json';
import auditReportInvalidFindingWithoutReference from './audit-report/examples/invalid-finding-without-reference.json';
import auditReportInvalidOpportunityGradedAsNonconformity from './audit-report/examples/invalid-opportunity-graded-as-nonconformity.json';
import auditReportValidNoFindings from './audit-report/examples/valid-no-findings.json';
import auditReportValidOneMajorAndOneOpportunity from './audit-report/examples/valid-one-major-and-one-opportunity.json';
import auditReportApproval from './audit-report-approval/form.json';
import auditReportApprovalInvalidSendBackWithoutComment from './audit-report-approval/examples/invalid-send-back-without-comment.json';
import auditReportApprovalValidApprove from './audit-report-approval/examples/valid-approve.json';
import auditReportApprovalValidSendBackWithComment from './audit-report-approval/examples/valid-send-back-with-comment.json';
import auditAcknowledgement from './audit-acknowledgement/form.json';
import auditAcknowledgementInvalidNotAcknowledged from './audit-acknowledgement/examples/invalid-not-acknowledged.json';
import auditAcknowledgementValidAcknowledgedWithDisagreement from './audit-acknowledgement/examples/valid-acknowledged-with-disagreement.json';
import auditAcknowledgementValidAcknowledged from './audit-acknowledgement/examples/valid-acknowledged.json';
import certificationBody from './certification-body/form.json';
import certificationBodyInvalidNoAccreditationNumber from './certification-body/examples/invalid-no-accreditation-number.json';
import certificationBodyInvalidNoContacts from './certification-body/examples/invalid-no-contacts.json';
import certificationBodyValidAccreditedBody from './certification-body/examples/valid-accredited-body.json';
import certificationStageOne from './certification-stage-one/form.json';
import certificationStageOneInvalidNoLines from './certification-stage-one/examples/invalid-no-lines.json';
import certificationStageOneInvalidUnknownOutcome from './certification-stage-one/examples/invalid-unknown-outcome.json';
import certificationStageOneValidOneConcern from './certification-stage-one/examples/valid-one-concern.json';
import certificationStageOneValidReady from './certification-stage-one/examples/valid-ready.json';
import certificationConcernResolution from './certification-concern-resolution/form.json';
import certificationConcernResolutionInvalidNoResolutions from './certification-concern-resolution/examples/invalid-no-resolutions.json';
import certificationConcernResolutionValidOneResolution from './certification-concern-resolution/examples/valid-one-resolution.json';
import certificationStageTwoSchedule from './certification-stage-two-schedule/form.json';
import certificationStageTwoScheduleInvalidNoEndDate from './certification-stage-two-schedule/examples/invalid-no-end-date.json';
import certificationStageTwoScheduleValidTwoDays from './certification-stage-two-schedule/examples/valid-two-days.json';
import certificationStageTwo from './certification-stage-two/form.json';
import certificationStageTwoInvalidNoDates from './certification-stage-two/examples/invalid-no-dates.json';
import certificationStageTwoValidHeldAsPlanned from './certification-stage-two/examples/valid-held-as-planned.json';
import certificationFindings from './certification-findings/form.json';
import certificationFindingsInvalidUnknownGrade from './certification-findings/examples/invalid-unknown-grade.json';
import certificationFindingsValidNoFindings from './certification-findings/examples/valid-no-findings.json';
import certificationFindingsValidOneMajorAndOneMinor from './certification-findings/examples/valid-one-major-and-one-minor.json';
import certificationFindingClosure from './certification-finding-closure/form.json';
import certificationFindingClosureInvalidNoEvidence from './certification-finding-closure/examples/invalid-no-evidence.json';
import certificationFindingClosureValidAccepted from './certification-finding-closure/examples/valid-accepted.json';
import certificationDecision from './certification-decision/form.json';
import certificationDecisionInvalidUnknownDecision from './certification-decision/examples/invalid-unknown-decision.json';
import certificationDecisionValidGranted from './certification-decision/examples/valid-granted.json';
import certificationDecisionValidNotGranted from './certification-decision/examples/valid-not-granted.json';
import certificate from './certificate/form.json';
import certificateInvalidNoNumber from './certificate/examples/invalid-no-number.json';
import certificateValidThreeYears from './certificate/examples/valid-three-years.json';

export interface FormExample {
  /** what the example shows, from its file name */
  name: string;
  data: unknown;
}

export interface BuiltInForm {
  key: string;
  title: string;
  description?: string;
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  examples: { valid: FormExample[]; invalid: FormExample[] };
}

type FormFile = Omit<BuiltInForm, 'examples'>;

function withExamples(form: unknown, examples: BuiltInForm['examples']): BuiltInForm {
  return { ...(form as FormFile), examples };
}

/** Every built-in form with its example submissions. */
export const builtInForms: BuiltInForm[] = [
  withExamples(approvalDecision, {
    valid: [
      { name: 'approve-without-comment', data: approvalDecisionValidApproveWithoutComment },
      { name: 'reject-with-reason', data: approvalDecisionValidRejectWithReason },
      { name: 'request-changes-with-list', data: approvalDecisionValidRequestChangesWithList },
      { name: 'approve-with-conditions', data: approvalDecisionValidApproveWithConditions },
    ],
    invalid: [
      { name: 'reject-without-reason', data: approvalDecisionInvalidRejectWithoutReason },
      { name: 'reject-with-empty-reason', data: approvalDecisionInvalidRejectWithEmptyReason },
      { name: 'missing-decision', data: approvalDecisionInvalidMissingDecision },
      { name: 'unknown-decision', data: approvalDecisionInvalidUnknownDecision },
    ],
  }),
  withExamples(orientationChecklist, {
    valid: [
      { name: 'all-topics', data: orientationChecklistValidAllTopics },
      { name: 'one-topic-with-question', data: orientationChecklistValidOneTopicWithQuestion },
    ],
    invalid: [
      { name: 'role-not-confirmed', data: orientationChecklistInvalidRoleNotConfirmed },
      { name: 'no-topics', data: orientationChecklistInvalidNoTopics },
      { name: 'malformed-date', data: orientationChecklistInvalidMalformedDate },
      { name: 'duplicate-topic', data: orientationChecklistInvalidDuplicateTopic },
    ],
  }),
  withExamples(awarenessAcknowledgement, {
    valid: [
      {
        name: 'acknowledged-without-training',
        data: awarenessAcknowledgementValidAcknowledgedWithoutTraining,
      },
      {
        name: 'acknowledged-with-training-date',
        data: awarenessAcknowledgementValidAcknowledgedWithTrainingDate,
      },
      { name: 'training-not-done', data: awarenessAcknowledgementValidTrainingNotDone },
    ],
    invalid: [
      { name: 'not-acknowledged', data: awarenessAcknowledgementInvalidNotAcknowledged },
      { name: 'training-without-date', data: awarenessAcknowledgementInvalidTrainingWithoutDate },
      { name: 'missing-policy-version', data: awarenessAcknowledgementInvalidMissingPolicyVersion },
    ],
  }),
  withExamples(leadershipCommitment, {
    valid: [
      { name: 'with-budget', data: leadershipCommitmentValidWithBudget },
      { name: 'without-budget', data: leadershipCommitmentValidWithoutBudget },
    ],
    invalid: [
      { name: 'statement-too-short', data: leadershipCommitmentInvalidStatementTooShort },
      { name: 'negative-budget', data: leadershipCommitmentInvalidNegativeBudget },
      { name: 'signer-not-a-user-id', data: leadershipCommitmentInvalidSignerNotAUserId },
    ],
  }),
  withExamples(contextIssues, {
    valid: [
      { name: 'two-issues', data: contextIssuesValidTwoIssues },
      { name: 'one-issue-with-notes', data: contextIssuesValidOneIssueWithNotes },
    ],
    invalid: [
      { name: 'no-issues', data: contextIssuesInvalidNoIssues },
      { name: 'issue-without-origin', data: contextIssuesInvalidIssueWithoutOrigin },
      { name: 'climate-not-answered', data: contextIssuesInvalidClimateNotAnswered },
    ],
  }),
  withExamples(interestedParties, {
    valid: [
      { name: 'regulator-addressed', data: interestedPartiesValidRegulatorAddressed },
      { name: 'party-not-addressed-with-reason', data: interestedPartiesValidPartyNotAddressedWithReason },
    ],
    invalid: [
      { name: 'not-addressed-without-reason', data: interestedPartiesInvalidNotAddressedWithoutReason },
      { name: 'unknown-category', data: interestedPartiesInvalidUnknownCategory },
      { name: 'empty-list', data: interestedPartiesInvalidEmptyList },
    ],
  }),
  withExamples(aimsScope, {
    valid: [
      { name: 'no-exclusions', data: aimsScopeValidNoExclusions },
      { name: 'with-exclusions', data: aimsScopeValidWithExclusions },
    ],
    invalid: [
      { name: 'exclusions-without-text', data: aimsScopeInvalidExclusionsWithoutText },
      { name: 'no-roles', data: aimsScopeInvalidNoRoles },
      { name: 'ai-system-not-an-id', data: aimsScopeInvalidAiSystemNotAnId },
    ],
  }),
  withExamples(gapAssessmentItem, {
    valid: [
      { name: 'partial-with-evidence', data: gapAssessmentItemValidPartialWithEvidence },
      {
        name: 'not-applicable-with-justification',
        data: gapAssessmentItemValidNotApplicableWithJustification,
      },
      { name: 'clause-implemented', data: gapAssessmentItemValidClauseImplemented },
    ],
    invalid: [
      {
        name: 'not-applicable-without-justification',
        data: gapAssessmentItemInvalidNotApplicableWithoutJustification,
      },
      { name: 'unknown-status', data: gapAssessmentItemInvalidUnknownStatus },
      { name: 'evidence-with-bad-hash', data: gapAssessmentItemInvalidEvidenceWithBadHash },
      { name: 'requirement-not-a-clause', data: gapAssessmentItemInvalidRequirementNotAClause },
    ],
  }),
  withExamples(gapConsolidation, {
    valid: [
      { name: 'two-gaps', data: gapConsolidationValidTwoGaps },
      { name: 'no-gaps', data: gapConsolidationValidNoGaps },
    ],
    invalid: [
      { name: 'gap-without-priority', data: gapConsolidationInvalidGapWithoutPriority },
      { name: 'missing-summary', data: gapConsolidationInvalidMissingSummary },
    ],
  }),
  withExamples(projectPlan, {
    valid: [{ name: 'two-phases', data: projectPlanValidTwoPhases }],
    invalid: [
      { name: 'phase-without-owner', data: projectPlanInvalidPhaseWithoutOwner },
      { name: 'no-phases', data: projectPlanInvalidNoPhases },
      { name: 'budget-as-text', data: projectPlanInvalidBudgetAsText },
    ],
  }),
  withExamples(aiPolicy, {
    valid: [{ name: 'first-version', data: aiPolicyValidFirstVersion }],
    invalid: [
      { name: 'version-not-major-minor', data: aiPolicyInvalidVersionNotMajorMinor },
      { name: 'review-interval-too-long', data: aiPolicyInvalidReviewIntervalTooLong },
      { name: 'document-missing', data: aiPolicyInvalidDocumentMissing },
      { name: 'file-with-extra-property', data: aiPolicyInvalidFileWithExtraProperty },
    ],
  }),
  withExamples(aiObjectives, {
    valid: [{ name: 'one-fairness-objective', data: aiObjectivesValidOneFairnessObjective }],
    invalid: [
      { name: 'objective-without-measure', data: aiObjectivesInvalidObjectiveWithoutMeasure },
      { name: 'unknown-theme', data: aiObjectivesInvalidUnknownTheme },
    ],
  }),
  withExamples(aiSystemRegistration, {
    valid: [
      {
        name: 'deployed-chatbot-with-personal-data',
        data: aiSystemRegistrationValidDeployedChatbotWithPersonalData,
      },
      {
        name: 'internal-model-without-personal-data',
        data: aiSystemRegistrationValidInternalModelWithoutPersonalData,
      },
    ],
    invalid: [
      { name: 'personal-data-not-described', data: aiSystemRegistrationInvalidPersonalDataNotDescribed },
      { name: 'unknown-stage', data: aiSystemRegistrationInvalidUnknownStage },
      { name: 'component-without-name', data: aiSystemRegistrationInvalidComponentWithoutName },
    ],
  }),
  withExamples(aiRiskAssessment, {
    valid: [
      { name: 'modified-with-controls', data: aiRiskAssessmentValidModifiedWithControls },
      { name: 'retained-with-rationale', data: aiRiskAssessmentValidRetainedWithRationale },
      { name: 'other-source-described', data: aiRiskAssessmentValidOtherSourceDescribed },
    ],
    invalid: [
      { name: 'likelihood-out-of-range', data: aiRiskAssessmentInvalidLikelihoodOutOfRange },
      { name: 'retained-without-rationale', data: aiRiskAssessmentInvalidRetainedWithoutRationale },
      { name: 'control-id-malformed', data: aiRiskAssessmentInvalidControlIdMalformed },
      { name: 'unknown-treatment', data: aiRiskAssessmentInvalidUnknownTreatment },
    ],
  }),
  withExamples(aiImpactAssessment, {
    valid: [
      { name: 'acceptable', data: aiImpactAssessmentValidAcceptable },
      { name: 'conditional-with-conditions', data: aiImpactAssessmentValidConditionalWithConditions },
    ],
    invalid: [
      { name: 'conditional-without-conditions', data: aiImpactAssessmentInvalidConditionalWithoutConditions },
      { name: 'severity-not-integer', data: aiImpactAssessmentInvalidSeverityNotInteger },
      { name: 'no-impacts', data: aiImpactAssessmentInvalidNoImpacts },
    ],
  }),
  withExamples(soaEntry, {
    valid: [
      { name: 'applicable-implemented', data: soaEntryValidApplicableImplemented },
      { name: 'excluded-with-reason', data: soaEntryValidExcludedWithReason },
    ],
    invalid: [
      { name: 'excluded-without-reason', data: soaEntryInvalidExcludedWithoutReason },
      { name: 'applicable-without-status', data: soaEntryInvalidApplicableWithoutStatus },
      { name: 'control-not-annex-a-form', data: soaEntryInvalidControlNotAnnexAForm },
    ],
  }),
  withExamples(genericTask, {
    valid: [
      { name: 'done-with-note', data: genericTaskValidDoneWithNote },
      { name: 'done-only', data: genericTaskValidDoneOnly },
    ],
    invalid: [
      { name: 'not-done', data: genericTaskInvalidNotDone },
      { name: 'done-missing', data: genericTaskInvalidDoneMissing },
    ],
  }),
  withExamples(managementReviewPreparation, {
    valid: [{ name: 'scheduled-with-ceo', data: managementReviewPreparationValidScheduledWithCeo }],
    invalid: [
      { name: 'malformed-date', data: managementReviewPreparationInvalidMalformedDate },
      { name: 'without-top-management', data: managementReviewPreparationInvalidWithoutTopManagement },
    ],
  }),
  withExamples(managementReviewMinutes, {
    valid: [
      { name: 'two-actions', data: managementReviewMinutesValidTwoActions },
      { name: 'no-actions', data: managementReviewMinutesValidNoActions },
    ],
    invalid: [
      { name: 'action-without-owner', data: managementReviewMinutesInvalidActionWithoutOwner },
      { name: 'pack-not-considered', data: managementReviewMinutesInvalidPackNotConsidered },
    ],
  }),
  withExamples(reviewActionUpdate, {
    valid: [{ name: 'done', data: reviewActionUpdateValidDone }],
    invalid: [
      { name: 'unknown-status', data: reviewActionUpdateInvalidUnknownStatus },
      { name: 'without-note', data: reviewActionUpdateInvalidWithoutNote },
    ],
  }),
  withExamples(monitoringMetrics, {
    valid: [{ name: 'chatbot-accuracy', data: monitoringMetricsValidChatbotAccuracy }],
    invalid: [
      { name: 'metric-without-target', data: monitoringMetricsInvalidMetricWithoutTarget },
      { name: 'no-metrics', data: monitoringMetricsInvalidNoMetrics },
    ],
  }),
  withExamples(measurementResults, {
    valid: [
      { name: 'target-met', data: measurementResultsValidTargetMet },
      { name: 'breach-raises-nonconformity', data: measurementResultsValidBreachRaisesNonconformity },
    ],
    invalid: [
      { name: 'no-results', data: measurementResultsInvalidNoResults },
      { name: 'nonconformity-without-grade', data: measurementResultsInvalidNonconformityWithoutGrade },
    ],
  }),
  withExamples(nonconformityRecord, {
    valid: [
      { name: 'audit-finding-against-a-clause', data: nonconformityRecordValidAuditFindingAgainstAClause },
      { name: 'complaint-against-a-control', data: nonconformityRecordValidComplaintAgainstAControl },
    ],
    invalid: [
      { name: 'control-not-annex-a-form', data: nonconformityRecordInvalidControlNotAnnexAForm },
      { name: 'missing-source', data: nonconformityRecordInvalidMissingSource },
      { name: 'unknown-grade', data: nonconformityRecordInvalidUnknownGrade },
    ],
  }),
  withExamples(nonconformityContainment, {
    valid: [{ name: 'contained-and-corrected', data: nonconformityContainmentValidContainedAndCorrected }],
    invalid: [
      { name: 'correction-missing', data: nonconformityContainmentInvalidCorrectionMissing },
      { name: 'malformed-date', data: nonconformityContainmentInvalidMalformedDate },
    ],
  }),
  withExamples(nonconformityRootCause, {
    valid: [
      {
        name: 'five-whys-could-occur-elsewhere',
        data: nonconformityRootCauseValidFiveWhysCouldOccurElsewhere,
      },
      { name: 'none-elsewhere', data: nonconformityRootCauseValidNoneElsewhere },
    ],
    invalid: [
      { name: 'no-whys', data: nonconformityRootCauseInvalidNoWhys },
      { name: 'unknown-category', data: nonconformityRootCauseInvalidUnknownCategory },
    ],
  }),
  withExamples(correctiveActionPlan, {
    valid: [
      { name: 'one-action-default-check', data: correctiveActionPlanValidOneActionDefaultCheck },
      { name: 'two-actions', data: correctiveActionPlanValidTwoActions },
    ],
    invalid: [
      { name: 'action-without-owner', data: correctiveActionPlanInvalidActionWithoutOwner },
      { name: 'no-actions', data: correctiveActionPlanInvalidNoActions },
      { name: 'unknown-check-delay', data: correctiveActionPlanInvalidUnknownCheckDelay },
    ],
  }),
  withExamples(correctiveActionReport, {
    valid: [{ name: 'done-with-evidence', data: correctiveActionReportValidDoneWithEvidence }],
    invalid: [
      { name: 'file-with-bad-hash', data: correctiveActionReportInvalidFileWithBadHash },
      { name: 'nothing-said', data: correctiveActionReportInvalidNothingSaid },
    ],
  }),
  withExamples(incidentReport, {
    valid: [{ name: 'wrong-decisions', data: incidentReportValidWrongDecisions }],
    invalid: [
      { name: 'no-date', data: incidentReportInvalidNoDate },
      { name: 'system-not-an-id', data: incidentReportInvalidSystemNotAnId },
    ],
  }),
  withExamples(concernReport, {
    valid: [{ name: 'fairness-concern', data: concernReportValidFairnessConcern }],
    invalid: [
      { name: 'details-too-short', data: concernReportInvalidDetailsTooShort },
      { name: 'unknown-topic', data: concernReportInvalidUnknownTopic },
    ],
  }),
  withExamples(reportTriage, {
    valid: [
      { name: 'no-nonconformity', data: reportTriageValidNoNonconformity },
      { name: 'raise-major-nonconformity', data: reportTriageValidRaiseMajorNonconformity },
    ],
    invalid: [
      { name: 'decision-missing', data: reportTriageInvalidDecisionMissing },
      { name: 'unknown-severity', data: reportTriageInvalidUnknownSeverity },
      { name: 'nonconformity-without-grade', data: reportTriageInvalidNonconformityWithoutGrade },
    ],
  }),
  withExamples(reportResponse, {
    valid: [{ name: 'resolved', data: reportResponseValidResolved }],
    invalid: [{ name: 'nothing-done', data: reportResponseInvalidNothingDone }],
  }),
  withExamples(reportCommunication, {
    valid: [
      { name: 'customers-and-regulator', data: reportCommunicationValidCustomersAndRegulator },
      { name: 'nobody-to-tell', data: reportCommunicationValidNobodyToTell },
    ],
    invalid: [{ name: 'party-without-date', data: reportCommunicationInvalidPartyWithoutDate }],
  }),
  withExamples(internalAuditProgramme, {
    valid: [
      { name: 'whole-standard-in-two-audits', data: internalAuditProgrammeValidWholeStandardInTwoAudits },
    ],
    invalid: [
      { name: 'audit-without-dates', data: internalAuditProgrammeInvalidAuditWithoutDates },
      { name: 'clause-not-a-clause', data: internalAuditProgrammeInvalidClauseNotAClause },
      { name: 'no-audits', data: internalAuditProgrammeInvalidNoAudits },
    ],
  }),
  withExamples(internalAuditPlan, {
    valid: [{ name: 'clauses-and-controls', data: internalAuditPlanValidClausesAndControls }],
    invalid: [
      { name: 'lead-auditor-not-a-user-id', data: internalAuditPlanInvalidLeadAuditorNotAUserId },
      { name: 'no-auditee', data: internalAuditPlanInvalidNoAuditee },
      { name: 'unknown-control', data: internalAuditPlanInvalidUnknownControl },
    ],
  }),
  withExamples(auditChecklist, {
    valid: [{ name: 'one-nonconformity', data: auditChecklistValidOneNonconformity }],
    invalid: [
      { name: 'line-without-result', data: auditChecklistInvalidLineWithoutResult },
      { name: 'unknown-result', data: auditChecklistInvalidUnknownResult },
    ],
  }),
  withExamples(auditReport, {
    valid: [
      { name: 'no-findings', data: auditReportValidNoFindings },
      { name: 'one-major-and-one-opportunity', data: auditReportValidOneMajorAndOneOpportunity },
    ],
    invalid: [
      { name: 'finding-without-reference', data: auditReportInvalidFindingWithoutReference },
      {
        name: 'opportunity-graded-as-nonconformity',
        data: auditReportInvalidOpportunityGradedAsNonconformity,
      },
    ],
  }),
  withExamples(auditReportApproval, {
    valid: [
      { name: 'approve', data: auditReportApprovalValidApprove },
      { name: 'send-back-with-comment', data: auditReportApprovalValidSendBackWithComment },
    ],
    invalid: [{ name: 'send-back-without-comment', data: auditReportApprovalInvalidSendBackWithoutComment }],
  }),
  withExamples(auditAcknowledgement, {
    valid: [
      { name: 'acknowledged-with-disagreement', data: auditAcknowledgementValidAcknowledgedWithDisagreement },
      { name: 'acknowledged', data: auditAcknowledgementValidAcknowledged },
    ],
    invalid: [{ name: 'not-acknowledged', data: auditAcknowledgementInvalidNotAcknowledged }],
  }),
  withExamples(certificationBody, {
    valid: [{ name: 'accredited-body', data: certificationBodyValidAccreditedBody }],
    invalid: [
      { name: 'no-accreditation-number', data: certificationBodyInvalidNoAccreditationNumber },
      { name: 'no-contacts', data: certificationBodyInvalidNoContacts },
    ],
  }),
  withExamples(certificationStageOne, {
    valid: [
      { name: 'ready', data: certificationStageOneValidReady },
      { name: 'one-concern', data: certificationStageOneValidOneConcern },
    ],
    invalid: [
      { name: 'no-lines', data: certificationStageOneInvalidNoLines },
      { name: 'unknown-outcome', data: certificationStageOneInvalidUnknownOutcome },
    ],
  }),
  withExamples(certificationConcernResolution, {
    valid: [{ name: 'one-resolution', data: certificationConcernResolutionValidOneResolution }],
    invalid: [{ name: 'no-resolutions', data: certificationConcernResolutionInvalidNoResolutions }],
  }),
  withExamples(certificationStageTwoSchedule, {
    valid: [{ name: 'two-days', data: certificationStageTwoScheduleValidTwoDays }],
    invalid: [{ name: 'no-end-date', data: certificationStageTwoScheduleInvalidNoEndDate }],
  }),
  withExamples(certificationStageTwo, {
    valid: [{ name: 'held-as-planned', data: certificationStageTwoValidHeldAsPlanned }],
    invalid: [{ name: 'no-dates', data: certificationStageTwoInvalidNoDates }],
  }),
  withExamples(certificationFindings, {
    valid: [
      { name: 'no-findings', data: certificationFindingsValidNoFindings },
      { name: 'one-major-and-one-minor', data: certificationFindingsValidOneMajorAndOneMinor },
    ],
    invalid: [{ name: 'unknown-grade', data: certificationFindingsInvalidUnknownGrade }],
  }),
  withExamples(certificationFindingClosure, {
    valid: [{ name: 'accepted', data: certificationFindingClosureValidAccepted }],
    invalid: [{ name: 'no-evidence', data: certificationFindingClosureInvalidNoEvidence }],
  }),
  withExamples(certificationDecision, {
    valid: [
      { name: 'granted', data: certificationDecisionValidGranted },
      { name: 'not-granted', data: certificationDecisionValidNotGranted },
    ],
    invalid: [{ name: 'unknown-decision', data: certificationDecisionInvalidUnknownDecision }],
  }),
  withExamples(certificate, {
    valid: [{ name: 'three-years', data: certificateValidThreeYears }],
    invalid: [{ name: 'no-number', data: certificateInvalidNoNumber }],
  }),
];

/** The built-in form with this key, or undefined. */
export function findBuiltInForm(key: string): BuiltInForm | undefined {
  return builtInForms.find((form) => form.key === key);
}
export { realiseExample, type EvidenceRef, type RealIds } from './realise-example';
