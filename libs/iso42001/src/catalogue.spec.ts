import {
  annexAControls,
  annexCRiskSources,
  clauses,
  controlFamilies,
  findClause,
  findControl,
} from './catalogue';

describe('ISO/IEC 42001 catalogue', () => {
  it('lists the 38 Annex A controls with unique ids', () => {
    expect(annexAControls).toHaveLength(38);
    expect(new Set(annexAControls.map((control) => control.id)).size).toBe(38);
  });

  it('groups the controls into the nine families A.2 to A.10', () => {
    expect(controlFamilies.map((family) => family.id)).toEqual([
      'A.2',
      'A.3',
      'A.4',
      'A.5',
      'A.6',
      'A.7',
      'A.8',
      'A.9',
      'A.10',
    ]);
    for (const control of annexAControls) {
      expect(control.id.startsWith(`${control.family}.`)).toBe(true);
    }
  });

  it('finds a control by id with its family and sub-group', () => {
    expect(findControl('A.6.2.4')).toEqual({
      id: 'A.6.2.4',
      title: expect.any(String),
      family: 'A.6',
      group: 'A.6.2',
    });
    expect(findControl('A.11.1')).toBeUndefined();
  });

  it('covers clauses 4 to 10 with parents that exist', () => {
    const topLevel = clauses.filter((clause) => clause.parent === null).map((clause) => clause.id);
    expect(topLevel).toEqual(['4', '5', '6', '7', '8', '9', '10']);
    for (const clause of clauses) {
      if (clause.parent !== null) expect(findClause(clause.parent)).toBeDefined();
    }
  });

  it('ships the Annex C risk sources', () => {
    expect(annexCRiskSources.length).toBeGreaterThan(0);
  });
});
