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
    summary: 'A yearly cycle: surveillance audits in years 1 and 2, recertification in year 3.',
  },
] as const;
