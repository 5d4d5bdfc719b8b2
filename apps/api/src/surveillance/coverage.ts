import { annexAControls, clauses } from '@aimsflow/iso42001';
import { covers, requirementAreas } from '../audits/audit-scope';

/** One certification body visit as the `surveillance-visits` register keeps it. */
export interface VisitRecord {
  id: string;
  title: string;
  kind: string;
  certificateNumber: string | null;
  dueBy: string | null;
  startDate: string | null;
  status: string | null;
  sampledClauses: string[];
  sampledControls: string[];
}

export interface CoverageLine {
  id: string;
  title: string;
  /** Titles of the visits that sampled it, in visit order; empty when none has yet. */
  sampledBy: string[];
}

export interface ClauseCoverage {
  id: string;
  title: string;
  sampled: number;
  total: number;
  /** The clause's requirement areas (its most specific sub-clauses: what a visit samples). */
  areas: CoverageLine[];
}

export interface SamplingCoverage {
  certificateNumber: string | null;
  visits: Array<Omit<VisitRecord, 'sampledClauses' | 'sampledControls'>>;
  clauses: ClauseCoverage[];
  /** Every Annex A control the SoA does not exclude. */
  controls: CoverageLine[];
  totals: { clauseAreas: { sampled: number; total: number }; controls: { sampled: number; total: number } };
  /** True when every requirement area of 4–10 and every applicable control was sampled at least once. */
  complete: boolean;
}

const TOP_CLAUSES = ['4', '5', '6', '7', '8', '9', '10'];

/**
 * What the certification body sampled over a cycle, per clause 4–10 (down to its requirement areas)
 * and per applicable Annex A control. A sampled id covers everything below it: sampling `6.1`
 * samples 6.1.1 to 6.1.4, and a control family `A.6` samples each of its controls. The visits are
 * those of one certificate, so a new certificate (after recertification) starts a new count.
 */
export function samplingCoverage(
  visits: readonly VisitRecord[],
  excludedControls: ReadonlySet<string>,
  certificateNumber: string | null,
): SamplingCoverage {
  const ordered = [...visits].sort((a, b) => (a.dueBy ?? '').localeCompare(b.dueBy ?? ''));
  const line = (id: string, title: string, field: 'sampledClauses' | 'sampledControls'): CoverageLine => ({
    id,
    title,
    sampledBy: ordered.filter((v) => v[field].some((s) => covers(s, id))).map((v) => v.title),
  });
  const clauseLines = TOP_CLAUSES.map((top) => {
    const areas = requirementAreas
      .filter((area) => covers(top, area.id))
      .map((area) => line(area.id, area.title, 'sampledClauses'));
    return {
      id: top,
      title: clauses.find((c) => c.id === top)?.title ?? top,
      sampled: areas.filter((a) => a.sampledBy.length > 0).length,
      total: areas.length,
      areas,
    };
  });
  const controls = annexAControls
    .filter((c) => !excludedControls.has(c.id))
    .map((c) => line(c.id, c.title, 'sampledControls'));
  const areaTotals = clauseLines.reduce(
    (sum, c) => ({ sampled: sum.sampled + c.sampled, total: sum.total + c.total }),
    { sampled: 0, total: 0 },
  );
  const controlTotals = {
    sampled: controls.filter((c) => c.sampledBy.length > 0).length,
    total: controls.length,
  };
  return {
    certificateNumber,
    visits: ordered.map(({ sampledClauses: _c, sampledControls: _k, ...visit }) => visit),
    clauses: clauseLines,
    controls,
    totals: { clauseAreas: areaTotals, controls: controlTotals },
    complete: areaTotals.sampled === areaTotals.total && controlTotals.sampled === controlTotals.total,
  };
}
