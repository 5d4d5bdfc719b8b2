import type { FieldKind, FieldModel, FormModel } from './model';

/** A model that uses every field kind, nesting and both kinds of visibility rule. */
export const everyKindModel: FormModel = {
  title: 'Every kind',
  description: 'A form exercising every field kind the designer offers.',
  fields: [
    {
      id: 'name',
      kind: 'shortText',
      label: 'Name',
      required: true,
      minLength: 2,
      maxLength: 80,
      pattern: '^[A-Za-z ]+$',
      help: 'Given and family name.',
    },
    { id: 'story', kind: 'longText', label: 'Story', maxLength: 2000 },
    { id: 'budget', kind: 'number', label: 'Budget', min: 0, max: 1000000 },
    { id: 'headcount', kind: 'integer', label: 'Headcount', min: 1, default: 3 },
    { id: 'agree', kind: 'boolean', label: 'I agree', required: true, mustBeChecked: true },
    { id: 'urgent', kind: 'boolean', label: 'Urgent' },
    { id: 'due', kind: 'date', label: 'Due date' },
    {
      id: 'decision',
      kind: 'singleChoice',
      label: 'Decision',
      required: true,
      options: [
        { value: 'approve', label: 'Approve' },
        { value: 'reject', label: 'Reject' },
      ],
    },
    {
      id: 'reason',
      kind: 'longText',
      label: 'Reason',
      required: true,
      minLength: 1,
      visibleWhen: { field: 'decision', op: 'eq', value: 'reject' },
    },
    {
      id: 'nextStep',
      kind: 'shortText',
      label: 'Next step',
      visibleWhen: { field: 'decision', op: 'neq', value: 'reject' },
    },
    {
      id: 'tags',
      kind: 'multiChoice',
      label: 'Tags',
      minLength: 1,
      maxLength: 2,
      options: [
        { value: 'a', label: 'Alpha' },
        { value: 'b', label: 'Beta' },
        { value: 'c', label: 'Gamma' },
      ],
    },
    { id: 'attachment', kind: 'file', label: 'Attachment' },
    { id: 'owner', kind: 'user', label: 'Owner', required: true },
    { id: 'control', kind: 'control', label: 'Control' },
    { id: 'system', kind: 'aiSystem', label: 'AI system' },
    {
      id: 'rating',
      kind: 'riskMatrix',
      label: 'Rating',
      visibleWhen: { field: 'urgent', op: 'eq', value: true },
      required: true,
    },
    {
      id: 'details',
      kind: 'section',
      label: 'Details',
      help: 'Optional details.',
      fields: [
        {
          id: 'kind',
          kind: 'singleChoice',
          label: 'Kind',
          options: [
            { value: 'x', label: 'X' },
            { value: 'y', label: 'Y' },
          ],
        },
        {
          id: 'why',
          kind: 'shortText',
          label: 'Why Y',
          required: true,
          visibleWhen: { field: 'kind', op: 'eq', value: 'y' },
        },
      ],
    },
    {
      id: 'risks',
      kind: 'list',
      label: 'Risks',
      minLength: 1,
      maxLength: 10,
      fields: [
        { id: 'title', kind: 'shortText', label: 'Title', required: true },
        {
          id: 'score',
          kind: 'integer',
          label: 'Score',
          min: 1,
          max: 25,
          visibleWhen: { field: 'title', op: 'neq', value: 'n/a' },
        },
        { id: 'control', kind: 'control', label: 'Control', required: true },
      ],
    },
  ],
};

export const OWNER_ID = '3f0e8a52-6d1b-4c5e-9a7f-1b2c3d4e5f60';

/** Deterministic pseudo-random numbers (mulberry32), so a failing generated case can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LEAF_KINDS: FieldKind[] = [
  'shortText',
  'longText',
  'number',
  'integer',
  'boolean',
  'date',
  'singleChoice',
  'multiChoice',
  'file',
  'user',
  'control',
  'aiSystem',
  'riskMatrix',
];

/** A random but well-formed designer model: only the properties each kind uses, unique ids, rules on earlier siblings. */
export function randomModel(random: () => number, depth = 0): FormModel {
  return {
    title: `Form ${Math.floor(random() * 1000)}`,
    ...(random() < 0.5 ? { description: 'generated' } : {}),
    fields: randomFields(random, depth),
  };
}

function randomFields(random: () => number, depth: number): FieldModel[] {
  const count = 1 + Math.floor(random() * 6);
  const fields: FieldModel[] = [];
  for (let i = 0; i < count; i++) {
    const nested = depth < 2 && random() < 0.2;
    const kind: FieldKind = nested
      ? random() < 0.5
        ? 'section'
        : 'list'
      : LEAF_KINDS[Math.floor(random() * LEAF_KINDS.length)];
    const field: FieldModel = { id: `f${i}${kind}`, kind, label: `Label ${i}` };
    if (random() < 0.3) field.help = `help ${i}`;
    if (random() < 0.4) field.required = true;
    switch (kind) {
      case 'shortText':
      case 'longText':
        if (random() < 0.5) field.minLength = 1;
        if (random() < 0.5) field.maxLength = 100;
        if (random() < 0.3) field.pattern = '^[a-z]+$';
        if (random() < 0.2) field.default = 'abc';
        break;
      case 'number':
      case 'integer':
        if (random() < 0.5) field.min = 0;
        if (random() < 0.5) field.max = 10;
        if (random() < 0.2) field.default = 5;
        break;
      case 'boolean':
        if (random() < 0.3) field.mustBeChecked = true;
        break;
      case 'singleChoice':
      case 'multiChoice':
        field.options = [
          { value: 'one', label: 'One' },
          { value: 'two', label: 'Two' },
        ];
        if (kind === 'multiChoice' && random() < 0.5) field.minLength = 1;
        break;
      case 'section':
      case 'list':
        field.fields = randomFields(random, depth + 1);
        if (kind === 'list' && random() < 0.5) field.maxLength = 5;
        break;
      default:
        break;
    }
    const controller = fields.find(
      (sibling) => ['singleChoice', 'boolean'].includes(sibling.kind) && !sibling.mustBeChecked,
    );
    if (controller && random() < 0.4) {
      field.visibleWhen = {
        field: controller.id,
        op: random() < 0.5 ? 'eq' : 'neq',
        value: controller.kind === 'boolean' ? random() < 0.5 : 'one',
      };
    }
    fields.push(field);
  }
  return fields;
}
