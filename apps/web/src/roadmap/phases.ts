/** The five phases of the ISO/IEC 42001 implementation roadmap, in order. */
export const ROADMAP_PHASES = [
  {
    key: 'plan-and-prepare',
    name: 'Plan & Prepare',
    summary:
      'Orientation, leadership commitment, context and interested parties, scope, a gap analysis against clauses 4–10 and Annex A, and the project plan.',
  },
  {
    key: 'build-and-implement',
    name: 'Build & Implement',
    summary:
      'AI risk and impact assessments, risk treatment, the Statement of Applicability, controls and documented information.',
  },
  {
    key: 'monitor-evaluate-improve',
    name: 'Monitor, Evaluate & Improve',
    summary:
      'Objectives and measurement, internal audit, management review, nonconformities and corrective action.',
  },
  {
    key: 'certification',
    name: 'Certification',
    summary: 'Stage 1 and stage 2 audits by the certification body, and closing their findings.',
  },
  {
    key: 'maintain-and-enhance',
    name: 'Maintain & Enhance',
    summary:
      "The certification cycle on the certificate's dates: surveillance audits within 12 and 24 months of the decision, recertification before expiry, each year's monitoring, internal audit, nonconformities and management review before the visit.",
  },
] as const;
