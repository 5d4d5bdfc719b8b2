import { annexAControls } from '@aimsflow/iso42001';
import { requirementAreas } from '../audits/audit-scope';
import { samplingCoverage, type VisitRecord } from './coverage';

const visit = (
  title: string,
  dueBy: string,
  sampledClauses: string[],
  sampledControls: string[],
): VisitRecord => ({
  id: title,
  title,
  kind: 'surveillance',
  certificateNumber: 'C-1',
  dueBy,
  startDate: null,
  status: 'completed',
  sampledClauses,
  sampledControls,
});

describe('samplingCoverage', () => {
  it('counts a sampled clause or family for everything below it, in visit order', () => {
    const coverage = samplingCoverage(
      [visit('Second', '2029-03-15', ['6.1.2'], ['A.6.2.4']), visit('First', '2028-03-15', ['6.1'], ['A.6'])],
      new Set(['A.6.2.5']),
      'C-1',
    );
    expect(coverage.visits.map((v) => v.title)).toEqual(['First', 'Second']);
    const six = coverage.clauses.find((c) => c.id === '6')!;
    expect(six.areas.find((a) => a.id === '6.1.2')?.sampledBy).toEqual(['First', 'Second']);
    expect(six.areas.find((a) => a.id === '6.2')?.sampledBy).toEqual([]);
    expect(coverage.controls.find((c) => c.id === 'A.6.2.4')?.sampledBy).toEqual(['First', 'Second']);
    expect(coverage.controls.find((c) => c.id === 'A.6.2.5')).toBeUndefined();
    expect(coverage.complete).toBe(false);
  });

  it('is complete once every requirement area and every applicable control was sampled', () => {
    const clauses = ['4', '5', '6', '7', '8', '9', '10'];
    const families = [...new Set(annexAControls.map((c) => c.id.split('.').slice(0, 2).join('.')))];
    const coverage = samplingCoverage(
      [visit('Recertification', '2030-03-13', clauses, families)],
      new Set(),
      'C-1',
    );
    expect(coverage.totals).toEqual({
      clauseAreas: { sampled: requirementAreas.length, total: requirementAreas.length },
      controls: { sampled: annexAControls.length, total: annexAControls.length },
    });
    expect(coverage.complete).toBe(true);
  });

  it('shows nothing sampled without visits', () => {
    const coverage = samplingCoverage([], new Set(), null);
    expect(coverage.totals.clauseAreas.sampled).toBe(0);
    expect(coverage.complete).toBe(false);
  });
});
