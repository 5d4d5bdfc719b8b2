import { projectStep } from './projection';
import type { RegisterDeclaration, StepFacts } from './register.types';
import { validateRegister } from './validate-register';

const machine = {
  id: 'review',
  initial: 'drafting',
  states: {
    drafting: { meta: { task: { form: 'finding' } }, on: { SUBMIT: 'approving' } },
    approving: { on: { APPROVED: 'closed', REJECTED: 'drafting' } },
    closed: { type: 'final' },
  },
};
const form = {
  type: 'object',
  properties: {
    title: { type: 'string' },
    grade: { enum: ['major', 'minor'] },
    owner: { type: 'string' },
    lines: {
      type: 'array',
      items: { type: 'object', properties: { ref: { type: 'string' }, score: { type: 'number' } } },
    },
  },
  allOf: [
    {
      if: { properties: { grade: { const: 'major' } } },
      then: { properties: { deadline: { type: 'string' } } },
    },
  ],
};
const register: RegisterDeclaration = {
  key: 'findings',
  title: 'Findings',
  fields: {
    type: 'object',
    properties: {
      title: { type: 'string' },
      grade: { type: 'string' },
      deadline: { type: ['string', 'null'] },
      worst: { type: 'number' },
      status: { type: 'string' },
      ownerId: { type: ['string', 'null'] },
    },
  },
  columns: [{ field: 'title', title: 'Finding' }],
  projections: [
    {
      definition: 'review',
      when: { taskCompleted: { form: 'finding', state: 'drafting' } },
      key: 'instance.id',
      set: {
        title: 'submission.title',
        grade: 'submission.grade',
        deadline: { first: ['submission.deadline', { const: null }] },
        worst: { maxOf: 'submission.lines', field: 'score' },
        ownerId: { first: ['submission.owner', 'task.author'] },
        status: { const: 'open' },
      },
    },
    {
      definition: 'review',
      when: { entered: ['closed', 'drafting'] },
      key: 'instance.id',
      updateOnly: true,
      set: { status: { fromState: { closed: 'closed', drafting: 'reopened' } } },
    },
  ],
};
const lookups = {
  machine: (key: string) => (key === 'review' ? machine : undefined),
  formSchema: (key: string) => (key === 'finding' ? form : undefined),
};
const facts = (over: Partial<StepFacts>): StepFacts => ({
  definitionKey: 'review',
  entered: [],
  context: {},
  instanceId: 'inst-1',
  now: new Date('2026-12-04T00:00:00Z'),
  ...over,
});

describe('projectStep', () => {
  it('maps a completed task to one upsert, leaving out what the submission does not have', () => {
    const writes = projectStep(
      [register],
      facts({
        task: {
          id: 't',
          formKey: 'finding',
          state: 'drafting',
          author: 'assignee',
          completedBy: 'delegate',
          submission: { title: 'No log review', grade: 'minor', lines: [{ score: 2 }, { score: 5 }] },
        },
        entered: ['approving'],
      }),
    );
    expect(writes).toEqual([
      {
        register: 'findings',
        recordKey: 'inst-1',
        updateOnly: false,
        set: {
          title: 'No log review',
          grade: 'minor',
          deadline: null,
          worst: 5,
          ownerId: 'assignee',
          status: 'open',
        },
      },
    ]);
  });

  it('follows the state entered, and only that one', () => {
    expect(projectStep([register], facts({ entered: ['closed'] }))).toEqual([
      { register: 'findings', recordKey: 'inst-1', updateOnly: true, set: { status: 'closed' } },
    ]);
    expect(projectStep([register], facts({ entered: ['approving'] }))).toEqual([]);
  });

  it('ignores other definitions, other forms and keys that find nothing', () => {
    expect(projectStep([register], facts({ definitionKey: 'other', entered: ['closed'] }))).toEqual([]);
    const task = {
      id: 't',
      formKey: 'other-form',
      state: 'drafting',
      author: null,
      completedBy: null,
      submission: {},
    };
    expect(projectStep([register], facts({ task }))).toEqual([]);
    const keyless = { ...register, projections: [{ ...register.projections[0], key: 'submission.missing' }] };
    expect(projectStep([keyless], facts({ task: { ...task, formKey: 'finding' } }))).toEqual([]);
  });
});

describe('validateRegister', () => {
  it('accepts a declaration whose states, forms and fields all exist (conditional fields included)', () => {
    expect(validateRegister(register, lookups)).toEqual([]);
  });

  it('names each reason a declaration is refused', () => {
    const broken: RegisterDeclaration = {
      ...register,
      key: 'Bad Key',
      columns: [{ field: 'nowhere', title: 'x' }],
      projections: [
        {
          definition: 'review',
          when: { taskCompleted: { form: 'finding', state: 'draft' } },
          key: 'submission.titel',
          set: { title: 'submision.title', unknown: { const: 1 } },
        },
        {
          definition: 'review',
          when: { entered: ['done'] },
          key: 'instance.id',
          set: { status: 'submission.title' },
        },
        { definition: 'missing', when: { entered: ['x'] }, key: 'instance.id', set: {} },
      ],
    };
    const errors = validateRegister(broken, lookups).join('\n');
    expect(errors).toContain('the key must be kebab-case');
    expect(errors).toContain('column "nowhere" is not a field');
    expect(errors).toContain('state "draft" does not exist in review');
    expect(errors).toContain('"submission.titel": the form has no such field');
    expect(errors).toContain('"submision.title" must start with one of');
    expect(errors).toContain('sets "unknown", which is not a field of the register');
    expect(errors).toContain('state "done" does not exist in review');
    expect(errors).toContain('"submission.title" needs a completed task');
    expect(errors).toContain('definition "missing" does not exist');
  });
});
