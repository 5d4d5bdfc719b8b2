export type CycleYear = 1 | 2 | 3;

/** How long before the body's visit the year's own processes are due (the visit deadline minus these). */
export const BEFORE_VISIT = {
  /** The internal audit opens (its start-date timer) this long before the visit… */
  internalAuditOpens: 'P150D',
  /** …and its report is approved by then. */
  internalAuditBy: 'P90D',
  /** The management review's minutes are recorded by then. */
  managementReviewBy: 'P30D',
} as const;

/**
 * The visit's deadline, from the certificate's dates (never from when the work happened, so a late
 * year does not push the next one): the first surveillance within 12 months of the certification
 * decision, the second within 24 months of it, the recertification before the certificate expires
 * (by the day before its expiry date). The issue date plays no part: a certificate issued weeks after
 * the decision keeps the decision's anniversaries.
 */
export const VISIT_DEADLINE: Record<CycleYear, string> = {
  1: '{{context.certificate.decidedOn + P12M}}',
  2: '{{context.certificate.decidedOn + P24M}}',
  3: '{{context.certificate.expiresOn - P1D}}',
};

/**
 * The entry actions of a cycle year: compute `deadlines` (yyyy-mm-dd) with the engine's date
 * templates. Two steps, since a template reads the context as it was before its own action.
 */
export function cycleDeadlines(year: CycleYear) {
  const before = (duration: string) => `{{context.deadlines.visitBy - ${duration}}}`;
  return [
    { type: 'setContext', params: { values: { deadlines: { visitBy: VISIT_DEADLINE[year] } } } },
    {
      type: 'setContext',
      params: {
        values: {
          deadlines: {
            year,
            visitBy: '{{context.deadlines.visitBy}}',
            internalAuditOpens: before(BEFORE_VISIT.internalAuditOpens),
            internalAuditBy: before(BEFORE_VISIT.internalAuditBy),
            managementReviewBy: before(BEFORE_VISIT.managementReviewBy),
          },
        },
      },
    },
  ];
}
