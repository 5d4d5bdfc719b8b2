import { annexAControls } from '@aimsflow/iso42001';
import { checklistLines, programmeCoverageErrors } from './audit-scope';

const everything = { clauses: ['4', '5', '6', '7', '8', '9', '10'] };

describe('audit scope', () => {
  it('lists the requirement areas under the clauses in scope and the kept controls under the controls in scope', () => {
    const lines = checklistLines(
      { clauses: ['9.2', '4.1'], controls: ['A.6.2', 'A.10.3'] },
      new Set(['A.6.2.5']),
    );
    expect(lines.map((line) => line.requirement)).toEqual([
      '4.1',
      '9.2.1',
      '9.2.2',
      'A.6.2.2',
      'A.6.2.3',
      'A.6.2.4',
      'A.6.2.6',
      'A.6.2.7',
      'A.6.2.8',
      'A.10.3',
    ]);
    expect(lines[0]).toEqual({ requirement: '4.1', title: expect.any(String), kind: 'clause' });
    expect(lines.at(-1)).toMatchObject({ kind: 'control' });
  });

  it('does not take 6.1 for 6.10 or A.1 for A.10', () => {
    expect(checklistLines({ controls: ['A.1'] }, new Set())).toEqual([]);
  });

  it('accepts a programme that covers every clause and every kept control within three years', () => {
    const audits = [
      {
        reference: 'A',
        startDate: '2027-02-01',
        endDate: '2027-02-02',
        clauses: everything.clauses,
        controls: ['A.2', 'A.3', 'A.4', 'A.5', 'A.6', 'A.7', 'A.8', 'A.9', 'A.10'],
      },
    ];
    expect(
      programmeCoverageErrors({ cycleStart: '2027-01-01', cycleEnd: '2029-12-31', audits }, new Set()),
    ).toEqual([]);
  });

  it('names what a programme leaves out and the dates that do not fit', () => {
    const kept = annexAControls.filter((c) => c.id !== 'A.10.4').map((c) => c.id);
    const errors = programmeCoverageErrors(
      {
        cycleStart: '2027-01-01',
        cycleEnd: '2030-06-30',
        audits: [
          {
            reference: 'A',
            startDate: '2026-12-01',
            endDate: '2026-11-30',
            clauses: ['4', '5', '6', '7', '8', '9', '10.1'],
            controls: kept,
          },
        ],
      },
      new Set(),
    );
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringContaining('no planned audit covers clause 10.2'),
      expect.stringContaining('no planned audit covers control A.10.4'),
      'a certification cycle lasts at most three years',
      'audit A ends before it starts',
      'audit A starts outside the cycle',
    ]);
    // A control the SoA excludes need not be audited.
    const excluded = programmeCoverageErrors(
      { audits: [{ clauses: everything.clauses, controls: kept }] },
      new Set(['A.10.4']),
    );
    expect(excluded).toEqual([]);
  });
});
