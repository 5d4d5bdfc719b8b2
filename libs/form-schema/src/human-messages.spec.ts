import { createSubmissionValidator } from './submission.validator';

/** One schema with one field per rule; each invalid answer gets the product's message, not ajv's. */
const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['title'],
  additionalProperties: false,
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 5 },
    summary: { type: 'string', minLength: 10 },
    topics: { type: 'array', minItems: 1, maxItems: 2, uniqueItems: true, items: { type: 'string' } },
    score: { type: 'integer', minimum: 1, maximum: 5 },
    confirmed: { const: true },
    kind: { enum: ['a', 'b'] },
    due: { type: 'string', format: 'date' },
    email: { type: 'string', format: 'email' },
    owner: { type: 'string', format: 'uuid' },
    code: { type: 'string', pattern: '^[A-Z]{3}$' },
  },
};

describe('validation messages in the product’s words', () => {
  const validate = createSubmissionValidator(schema);
  const messageAt = (data: Record<string, unknown>, path: string) =>
    validate({ title: 'ok', ...data }).errors.find((e) => e.path === path)?.message;

  it.each([
    [{ title: undefined }, '/title', 'Fill in this field.'],
    [{ title: '' }, '/title', 'Fill in this field.'],
    [{ title: 'too long' }, '/title', 'Use at most 5 characters.'],
    [{ summary: 'short' }, '/summary', 'Use at least 10 characters.'],
    [{ topics: [] }, '/topics', 'Add at least one entry.'],
    [{ topics: ['a', 'b', 'c'] }, '/topics', 'Keep at most 2 entries.'],
    [{ topics: ['a', 'a'] }, '/topics', 'Remove the repeated entry: each one may appear only once.'],
    [{ score: 0 }, '/score', 'Enter 1 or more.'],
    [{ score: 9 }, '/score', 'Enter 5 or less.'],
    [{ score: 2.5 }, '/score', 'Enter a whole number.'],
    [{ confirmed: false }, '/confirmed', 'Tick this box to confirm.'],
    [{ kind: 'c' }, '/kind', 'Choose one of the options offered.'],
    [{ due: '31/03/2027' }, '/due', 'Enter a date, e.g. 2027-03-31.'],
    [{ email: 'nobody' }, '/email', 'Enter an email address, e.g. name@example.com.'],
    [{ owner: 'Maya' }, '/owner', 'Choose from the list.'],
    [{ code: 'abc' }, '/code', 'This does not have the expected form; see the field’s help.'],
    [{ extra: 1 }, '', '“extra” is not a field of this form.'],
  ])('%j at %s: %s', (data, path, message) => {
    const answer = { ...data } as Record<string, unknown>;
    if ('title' in answer && answer.title === undefined) {
      expect(validate({}).errors).toContainEqual({ path, message });
      return;
    }
    expect(messageAt(answer, path)).toBe(message);
  });

  it('never shows ajv’s own wording', () => {
    const verdict = validate({ title: '', topics: [], score: 'x', confirmed: false, due: 'soon', extra: 1 });
    expect(verdict.valid).toBe(false);
    for (const error of verdict.errors) expect(error.message).not.toMatch(/\bmust\b|schema|property '/);
  });
});
