import { checkSchema, MAX_SCHEMA_BYTES, MAX_SCHEMA_DEPTH } from './schema-check.validator';
import { modelToSchema } from './model-to-schema.mapper';
import { everyKindModel } from './form-model.fixtures';

type Json = Record<string, unknown>;
const errorsOf = (schema: unknown): string[] => {
  const result = checkSchema(schema);
  return result.ok ? [] : result.errors;
};
const object = (properties: Json, extra: Json = {}): Json => ({ type: 'object', properties, ...extra });

describe('checkSchema', () => {
  it('accepts what the designer produces', () => {
    expect(checkSchema(modelToSchema(everyKindModel).schema)).toEqual({ ok: true });
  });

  it('accepts a draft-07 schema', () => {
    expect(
      checkSchema({
        $schema: 'http://json-schema.org/draft-07/schema#',
        ...object({ a: { type: 'string' } }),
      }),
    ).toEqual({ ok: true });
  });

  it('refuses an unsupported $schema', () => {
    expect(errorsOf({ $schema: 'http://json-schema.org/draft-04/schema#', type: 'object' })[0]).toContain(
      'not supported',
    );
  });

  it('refuses a schema that does not compile', () => {
    expect(errorsOf(object({ a: { type: 'strng' } }))[0]).toContain('does not compile');
    expect(errorsOf(object({ a: { $ref: '#/$defs/missing' } }))[0]).toContain('does not compile');
  });

  it('refuses a schema larger than the size limit', () => {
    const huge = object({ a: { type: 'string', description: 'x'.repeat(MAX_SCHEMA_BYTES) } });
    expect(errorsOf(huge)[0]).toContain('the limit is');
  });

  it('refuses a schema nested deeper than the depth limit, and accepts one just within it', () => {
    const nest = (levels: number): Json =>
      levels <= 1 ? { type: 'string' } : { type: 'object', properties: { x: nest(levels - 1) } };
    // each nesting level of schema adds two JSON levels (the schema object and its `properties`)
    expect(errorsOf(nest(MAX_SCHEMA_DEPTH / 2))).toEqual([]);
    expect(errorsOf(nest(MAX_SCHEMA_DEPTH))[0]).toContain('nests deeper');
  });

  it('refuses a catastrophic pattern anywhere in the schema, naming where', () => {
    const errors = errorsOf(
      object({ list: { type: 'array', items: object({ code: { type: 'string', pattern: '^(a+)+$' } }) } }),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('#/properties/list/items/properties/code/pattern');
  });

  it('refuses a catastrophic patternProperties key and a pattern inside an if/then branch', () => {
    expect(errorsOf(object({}, { patternProperties: { '^(.*)*$': { type: 'string' } } }))[0]).toContain(
      'patternProperties',
    );
    expect(
      errorsOf(object({}, { allOf: [{ if: object({}), then: object({ x: { pattern: '(a|a)*' } }) }] }))[0],
    ).toContain('#/allOf/0/then');
  });

  it('does not mistake data for schema: a "pattern" inside a default is just a value', () => {
    expect(errorsOf(object({ a: { type: 'object', default: { pattern: '(a+)+' } } }))).toEqual([]);
  });

  it('refuses unknown formats and accepts the ajv-formats and RJSF ones', () => {
    expect(errorsOf(object({ a: { type: 'string', format: 'postcode' } }))[0]).toContain(
      'unknown format "postcode"',
    );
    for (const format of ['date', 'date-time', 'email', 'uuid', 'uri', 'data-url', 'color']) {
      expect(errorsOf(object({ a: { type: 'string', format } }))).toEqual([]);
    }
  });

  it('allows $ref only inside the document', () => {
    expect(
      errorsOf(object({ a: { $ref: '#/$defs/text' } }, { $defs: { text: { type: 'string' } } })),
    ).toEqual([]);
    expect(errorsOf(object({ a: { $ref: 'https://example.com/s.json' } }))[0]).toContain(
      'only references inside the document',
    );
    expect(errorsOf(object({ a: { $ref: 'other.json#/x' } }))[0]).toContain(
      'only references inside the document',
    );
  });

  it('refuses $id, which would collide between form versions in a shared validator', () => {
    expect(errorsOf(object({}, { $id: 'https://example.com/form' }))[0]).toContain('$id is not allowed');
  });

  it('refuses what is not a JSON object', () => {
    expect(errorsOf([])[0]).toContain('JSON object');
    expect(errorsOf('{}')[0]).toContain('JSON object');
  });
});
