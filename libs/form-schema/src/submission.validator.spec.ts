import validatorAjv8 from '@rjsf/validator-ajv8';
import type { RJSFSchema } from '@rjsf/utils';
import { createClientValidator } from './client-validator.factory';
import { createAjv } from './ajv-instance.factory';
import { everyKindModel, OWNER_ID } from './form-model.fixtures';
import { modelToSchema } from './model-to-schema.mapper';
import { createSubmissionValidator } from './submission.validator';

type Json = Record<string, any>;
const { schema } = modelToSchema(everyKindModel);
const FILE = { sha256: 'b'.repeat(64), name: 'a.pdf', size: 10, type: 'application/pdf' };
const minimal = { name: 'Ada Lovelace', agree: true, decision: 'approve', owner: OWNER_ID };

const submissions: Array<[string, Json]> = [
  ['the minimal valid submission', minimal],
  [
    'a full valid submission',
    {
      ...minimal,
      story: 'x',
      budget: 10.5,
      headcount: 4,
      urgent: true,
      rating: { likelihood: 2, impact: 5 },
      due: '2025-01-31',
      tags: ['a', 'c'],
      attachment: FILE,
      control: 'A.6.2.4',
      system: OWNER_ID,
      details: { kind: 'y', why: 'because' },
      risks: [{ title: 'r', score: 3, control: 'A.2.2' }],
    },
  ],
  ['a rejection with its reason', { ...minimal, decision: 'reject', reason: 'no' }],
  ['a rejection without its reason', { ...minimal, decision: 'reject' }],
  ['an unticked acknowledgement', { ...minimal, agree: false }],
  ['an urgent case without its rating', { ...minimal, urgent: true }],
  ['a rating out of range', { ...minimal, urgent: true, rating: { likelihood: 0, impact: 6 } }],
  ['a malformed date', { ...minimal, due: '31/01/2025' }],
  ['an impossible date', { ...minimal, due: '2025-02-30' }],
  ['a user that is not a uuid', { ...minimal, owner: 'ada' }],
  ['a malformed control id', { ...minimal, control: 'A.6' }],
  ['duplicate tags', { ...minimal, tags: ['a', 'a'] }],
  ['a file with an extra property', { ...minimal, attachment: { ...FILE, url: 'x' } }],
  ['a list item missing a field', { ...minimal, risks: [{ title: 'r' }] }],
  ['a nested conditional field missing', { ...minimal, details: { kind: 'y' } }],
  ['a number where a string belongs', { ...minimal, name: 42 }],
  ['not an object at all', [] as unknown as Json],
];

describe('createSubmissionValidator', () => {
  const validate = createSubmissionValidator(schema);

  it('accepts a valid submission with no errors', () => {
    expect(validate(minimal)).toEqual({ valid: true, errors: [] });
  });

  it('points a missing required field at the field itself', () => {
    const { name: _name, ...withoutName } = minimal;
    expect(validate(withoutName).errors).toContainEqual({
      path: '/name',
      message: 'Fill in this field.',
    });
  });

  it('points a conditional requirement at the hidden-then-shown field, without the if/then summary', () => {
    const verdict = validate({ ...minimal, decision: 'reject' });
    expect(verdict).toEqual({
      valid: false,
      errors: [{ path: '/reason', message: 'Fill in this field.' }],
    });
  });

  it('reports errors inside lists with JSON pointers', () => {
    const verdict = validate({
      ...minimal,
      risks: [
        { title: 't', control: 'A.2.2' },
        { title: 't', score: 99, control: 'x' },
      ],
    });
    expect(verdict.errors.map((error) => error.path)).toEqual(['/risks/1/score', '/risks/1/control']);
  });

  it('is reusable: one compiled validator gives independent verdicts', () => {
    expect(validate({ ...minimal, owner: 'x' }).valid).toBe(false);
    expect(validate(minimal).valid).toBe(true);
  });

  it('validates draft-07 schemas with draft-07 semantics', () => {
    const draft07 = createSubmissionValidator({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'array',
      items: [{ type: 'string' }, { type: 'integer' }],
    });
    expect(draft07(['a', 1]).valid).toBe(true);
    expect(draft07(['a', 'b']).valid).toBe(false);
  });

  it('refuses to compile a schema with an unsupported $schema', () => {
    expect(() => createSubmissionValidator({ $schema: 'http://json-schema.org/draft-04/schema#' })).toThrow(
      'unsupported $schema',
    );
  });
});

describe('parity with the browser (RJSF validator-ajv8)', () => {
  const server = createSubmissionValidator(schema);
  const client = createClientValidator(schema);

  it.each(submissions)('server and client agree on %s', (_what, data) => {
    const clientErrors = client.validateFormData(data, schema as RJSFSchema).errors;
    expect(server(data).valid).toBe(clientErrors.length === 0);
  });

  it('the examples cover both verdicts', () => {
    const verdicts = new Set(submissions.map(([, data]) => server(data).valid));
    expect(verdicts).toEqual(new Set([true, false]));
  });

  it('builds ajv with the same options as RJSF’s own default validator', () => {
    const rjsfAjv = (validatorAjv8 as unknown as { ajv: { opts: Json } }).ajv;
    const ours = createAjv('draft-07');
    const comparable = ({ code: _code, ...opts }: Json) => opts;
    expect(comparable(ours.opts)).toEqual(comparable(rjsfAjv.opts));
  });

  it('registers the same RJSF formats as RJSF’s own default validator', () => {
    const rjsfFormats = Object.keys((validatorAjv8 as unknown as { ajv: { formats: Json } }).ajv.formats);
    const ours = Object.keys(createAjv('2020-12').formats);
    expect(rjsfFormats.length).toBeGreaterThan(10);
    for (const format of rjsfFormats) expect(ours).toContain(format);
  });
});
