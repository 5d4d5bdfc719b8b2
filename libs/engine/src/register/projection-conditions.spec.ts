import { projectStep } from './projection';
import type { Projection, RegisterDeclaration, StepFacts } from './register.types';
import { validateRegister } from './validate-register';

// A small SoA-like register: entries drafted by an assessment, decided by a decision, approved by signing.
const machine = {
  id: 'soa',
  initial: 'assessing',
  states: {
    assessing: { meta: { task: { form: 'assessment' } }, on: { SUBMIT: 'deciding' } },
    deciding: { meta: { task: { form: 'decision' } }, on: { SUBMIT: 'signing' } },
    signing: { on: { APPROVED: 'signed' } },
    signed: { type: 'final' },
  },
};
const forms: Record<string, Record<string, unknown>> = {
  assessment: {
    type: 'object',
    properties: { control: { type: 'string' }, status: { type: 'string' }, note: { type: 'string' } },
  },
  decision: {
    type: 'object',
    properties: { control: { type: 'string' }, applicable: { type: 'boolean' }, reason: { type: 'string' } },
  },
};
const lookups = {
  machine: (k: string) => (k === 'soa' ? machine : undefined),
  formSchema: (k: string) => forms[k],
};

const draft: Projection = {
  definition: 'soa',
  when: { taskCompleted: { form: 'assessment', state: 'assessing' } },
  key: { if: 'submission.control', matches: '^A\\.[0-9]+\\.[0-9]+$', then: 'submission.control' },
  guard: { field: 'stage', in: [null, 'draft'] },
  set: {
    applicable: {
      if: 'submission.status',
      equals: 'not-applicable',
      then: { const: false },
      else: { const: true },
    },
    justification: { if: 'submission.note', then: 'submission.note' },
    stage: { const: 'draft' },
  },
};
const approve: Projection = {
  definition: 'soa',
  when: { entered: ['signed'] },
  all: true,
  guard: { field: 'stage', in: ['decided'] },
  set: { stage: { const: 'approved' } },
};
const register: RegisterDeclaration = {
  key: 'soa',
  title: 'SoA',
  fields: {
    type: 'object',
    properties: {
      applicable: { type: ['boolean', 'null'] },
      justification: { type: ['string', 'null'] },
      stage: { type: 'string' },
    },
  },
  columns: [{ field: 'stage', title: 'Stage' }],
  projections: [draft, approve],
};

const assessed = (submission: Record<string, unknown>): StepFacts => ({
  definitionKey: 'soa',
  task: { id: 't', formKey: 'assessment', state: 'assessing', submission, author: 'u', completedBy: 'u' },
  entered: ['deciding'],
  context: {},
  instanceId: 'i',
  now: new Date('2026-12-06T00:00:00Z'),
});

describe('conditional expressions ({if})', () => {
  it('takes "then" when the value equals, "else" when it does not', () => {
    const [excluded] = projectStep([register], assessed({ control: 'A.2.2', status: 'not-applicable' }));
    expect(excluded.set.applicable).toBe(false);
    const [included] = projectStep([register], assessed({ control: 'A.2.2', status: 'partial' }));
    expect(included.set.applicable).toBe(true);
  });

  it('writes nothing without an "else", so the record keeps its value', () => {
    const [withNote] = projectStep([register], assessed({ control: 'A.2.2', note: 'In place' }));
    expect(withNote.set.justification).toBe('In place');
    const [blank] = projectStep([register], assessed({ control: 'A.2.2', note: '  ' }));
    expect(blank.set).not.toHaveProperty('justification');
    const [none] = projectStep([register], assessed({ control: 'A.2.2' }));
    expect(none.set).not.toHaveProperty('justification');
  });

  it('matches a regular expression: a key that does not match writes no record', () => {
    expect(projectStep([register], assessed({ control: 'A.10.4' }))[0].recordKey).toBe('A.10.4');
    expect(projectStep([register], assessed({ control: '5.2' }))).toEqual([]);
    expect(projectStep([register], assessed({}))).toEqual([]);
  });

  it('without "equals" or "matches", holds for any value but false and nothing', () => {
    const truthy = (value: unknown) =>
      projectStep(
        [
          {
            ...register,
            projections: [
              {
                ...draft,
                key: { const: 'k' },
                set: { stage: { if: { const: value }, then: { const: 'yes' }, else: { const: 'no' } } },
              },
            ],
          },
        ],
        assessed({}),
      )[0].set.stage;
    expect([true, 0, 'x', [], false, null, ''].map(truthy)).toEqual([
      'yes',
      'yes',
      'yes',
      'yes',
      'no',
      'no',
      'no',
    ]);
  });
});

describe('guards and writes onto all records', () => {
  it('passes the guard on to the write', () => {
    expect(projectStep([register], assessed({ control: 'A.2.2' }))[0]).toMatchObject({
      recordKey: 'A.2.2',
      updateOnly: false,
      guard: { field: 'stage', in: [null, 'draft'] },
    });
  });

  it('writes every record (no key) on the state entered, as an update only', () => {
    const facts: StepFacts = { ...assessed({}), task: undefined, entered: ['signed'] };
    expect(projectStep([register], facts)).toEqual([
      {
        register: 'soa',
        recordKey: null,
        updateOnly: true,
        set: { stage: 'approved' },
        guard: { field: 'stage', in: ['decided'] },
      },
    ]);
  });
});

describe('validateRegister: conditions, guards, all', () => {
  it('accepts the declaration', () => {
    expect(validateRegister(register, lookups)).toEqual([]);
  });

  it('refuses broken conditions with reasons', () => {
    const broken: Projection = {
      ...draft,
      key: { if: 'submission.contrl', matches: '([', then: 'submission.control' },
      set: {
        applicable: { if: 'submission.status', equals: 'x', matches: 'x', then: { const: true } },
        stage: { if: 'submission.status', else: { const: 'x' } } as never,
        justification: { if: 'submission.status', then: 'submission.reason' },
      },
    };
    const errors = validateRegister({ ...register, projections: [broken] }, lookups).join('\n');
    expect(errors).toContain('key: "submission.contrl": the form has no such field');
    expect(errors).toContain('"matches" "([" is not a valid regular expression');
    expect(errors).toContain('set.applicable: "if" takes "equals" or "matches", not both');
    expect(errors).toContain('set.stage: "if" needs "then"');
    expect(errors).toContain('set.justification: "submission.reason": the form has no such field');
  });

  it('refuses a guard on an unknown field or with no values', () => {
    const errors = (guard: unknown) =>
      validateRegister({ ...register, projections: [{ ...draft, guard: guard as never }] }, lookups).join(
        '\n',
      );
    expect(errors({ field: 'stag', in: ['draft'] })).toContain(
      'guard field "stag" is not a field of the register',
    );
    expect(errors({ field: 'stage', in: [] })).toContain('guard "in" must list at least one value');
    expect(errors('stage')).toContain('"guard" must be {field, in: [values]}');
  });

  it('refuses "all" with a key or "each", a key missing without "all", and "all" other than true', () => {
    const errors = (projection: Projection) =>
      validateRegister({ ...register, projections: [projection] }, lookups).join('\n');
    expect(errors({ ...approve, key: 'instance.id' })).toContain(
      'a projection onto all records has no key and no "each"',
    );
    expect(errors({ ...approve, all: undefined })).toContain('a key is required');
    expect(errors({ ...approve, all: 'yes' as never })).toContain('"all" can only be true');
  });
});
