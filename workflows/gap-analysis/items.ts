import { annexAControls, clauses } from '@aimsflow/iso42001';

/** One thing the gap analysis assesses: a requirement area of clauses 4–10 or an Annex A control. */
export interface GapItem {
  id: string;
  kind: 'clause' | 'control';
  title: string;
  /** Place in the standard's order (clauses first), so registers can list items that way. */
  position: number;
}

/**
 * Every requirement area of clauses 4–10 (the most specific sub-clauses: 6.1.2 rather than 6.1 or 6)
 * followed by all Annex A controls, in the standard's order.
 */
export function gapAnalysisItems(): GapItem[] {
  const parents = new Set(clauses.map((clause) => clause.parent));
  const requirementAreas = clauses.filter((clause) => clause.parent !== null && !parents.has(clause.id));
  return [
    ...requirementAreas.map((clause) => ({ id: clause.id, kind: 'clause' as const, title: clause.title })),
    ...annexAControls.map((control) => ({ id: control.id, kind: 'control' as const, title: control.title })),
  ].map((item, position) => ({ ...item, position }));
}
