import { annexAControls, clauses } from '@aimsflow/iso42001';

/** One line of a generated audit checklist: a requirement area of a clause, or an Annex A control. */
export interface ChecklistLine {
  requirement: string;
  title: string;
  kind: 'clause' | 'control';
}

const parents = new Set(clauses.map((clause) => clause.parent));
/** The most specific sub-clauses of 4–10 (6.1.2 rather than 6.1): what an auditor checks. */
export const requirementAreas = clauses.filter((clause) => clause.parent !== null && !parents.has(clause.id));

/** An id covers itself and every id below it: `6` covers `6.1.2`, `A.6` covers `A.6.2.4`. */
export const covers = (scopeId: string, id: string) => id === scopeId || id.startsWith(`${scopeId}.`);
const coveredBy = (scope: readonly string[], id: string) => scope.some((s) => covers(s, id));

/**
 * The checklist of an audit: every requirement area under the clauses in scope, then every Annex A
 * control under the controls in scope that the SoA does not exclude, in the standard's order.
 */
export function checklistLines(
  scope: { clauses?: unknown; controls?: unknown },
  excludedControls: ReadonlySet<string>,
): ChecklistLine[] {
  const inClauses = ids(scope.clauses);
  const inControls = ids(scope.controls);
  return [
    ...requirementAreas
      .filter((clause) => coveredBy(inClauses, clause.id))
      .map((clause) => ({ requirement: clause.id, title: clause.title, kind: 'clause' as const })),
    ...annexAControls
      .filter((control) => coveredBy(inControls, control.id) && !excludedControls.has(control.id))
      .map((control) => ({ requirement: control.id, title: control.title, kind: 'control' as const })),
  ];
}

interface PlannedAudit {
  reference?: string;
  startDate?: string;
  endDate?: string;
  clauses?: unknown;
  controls?: unknown;
}

/**
 * Why a programme does not cover the cycle (empty when it does): every requirement area of clauses
 * 4–10 and every control the SoA does not exclude must be in the scope of at least one audit, the
 * cycle lasts at most three years and every audit falls inside it.
 */
export function programmeCoverageErrors(
  programme: { cycleStart?: string; cycleEnd?: string; audits?: PlannedAudit[] },
  excludedControls: ReadonlySet<string>,
): Array<{ pointer: string; message: string }> {
  const errors: Array<{ pointer: string; message: string }> = [];
  const audits = Array.isArray(programme.audits) ? programme.audits : [];
  const inClauses = audits.flatMap((audit) => ids(audit.clauses));
  const inControls = audits.flatMap((audit) => ids(audit.controls));
  const missingClauses = requirementAreas.filter((c) => !coveredBy(inClauses, c.id)).map((c) => c.id);
  const missingControls = annexAControls
    .filter((c) => !excludedControls.has(c.id) && !coveredBy(inControls, c.id))
    .map((c) => c.id);
  if (missingClauses.length)
    errors.push({
      pointer: '/data/audits',
      message: `no planned audit covers clause ${missingClauses.join(', ')}; the programme must cover every clause 4 to 10`,
    });
  if (missingControls.length)
    errors.push({
      pointer: '/data/audits',
      message: `no planned audit covers control ${missingControls.join(', ')}; the programme must cover every Annex A control the SoA does not exclude`,
    });
  const start = programme.cycleStart ?? '';
  const end = programme.cycleEnd ?? '';
  if (start && end) {
    const limit = new Date(`${start}T00:00:00Z`);
    limit.setUTCFullYear(limit.getUTCFullYear() + 3);
    if (end < start) errors.push({ pointer: '/data/cycleEnd', message: 'the cycle ends before it starts' });
    else if (new Date(`${end}T00:00:00Z`) > limit)
      errors.push({ pointer: '/data/cycleEnd', message: 'a certification cycle lasts at most three years' });
  }
  audits.forEach((audit, index) => {
    const where = `/data/audits/${index}`;
    if (audit.startDate && audit.endDate && audit.endDate < audit.startDate)
      errors.push({ pointer: `${where}/endDate`, message: `audit ${audit.reference} ends before it starts` });
    if (start && end && audit.startDate && (audit.startDate < start || audit.startDate > end))
      errors.push({
        pointer: `${where}/startDate`,
        message: `audit ${audit.reference} starts outside the cycle`,
      });
  });
  return errors;
}

function ids(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
