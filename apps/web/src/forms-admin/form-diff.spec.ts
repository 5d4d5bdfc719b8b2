import type { FormModel } from '@aimsflow/form-schema';
import { diffFormModels } from './form-diff';

describe('diffFormModels', () => {
  const v1: FormModel = {
    title: 'DPIA screening',
    fields: [
      { id: 'usesPersonalData', kind: 'boolean', label: 'Uses personal data' },
      { id: 'notes', kind: 'longText', label: 'Notes' },
      {
        id: 'details',
        kind: 'section',
        label: 'Details',
        fields: [{ id: 'owner', kind: 'user', label: 'Owner' }],
      },
    ],
  };
  const v2: FormModel = {
    title: 'DPIA screening',
    fields: [
      { id: 'usesPersonalData', kind: 'boolean', label: 'Processes personal data', required: true },
      {
        id: 'dpiaReference',
        kind: 'shortText',
        label: 'DPIA reference',
        visibleWhen: { field: 'usesPersonalData', op: 'eq', value: true },
      },
      {
        id: 'details',
        kind: 'section',
        label: 'Details',
        fields: [{ id: 'owner', kind: 'user', label: 'Owner' }],
      },
    ],
  };

  it('lists added, removed and changed fields with what changed', () => {
    const diff = diffFormModels(v1, v2);
    expect(diff.titleChange).toBeUndefined();
    expect(diff.fields).toEqual([
      {
        path: 'usesPersonalData',
        label: 'Processes personal data',
        change: 'changed',
        details: ['Label: Uses personal data → Processes personal data', 'Required: no → yes'],
      },
      { path: 'dpiaReference', label: 'DPIA reference', change: 'added', details: [] },
      { path: 'notes', label: 'Notes', change: 'removed', details: [] },
    ]);
  });

  it('finds nothing between identical versions', () => {
    expect(diffFormModels(v1, JSON.parse(JSON.stringify(v1)) as FormModel).fields).toEqual([]);
  });
});
