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

describe('checkSchema: patterns the server runs on RE2', () => {
  it.each([
    ['a(?=b)', 'lookahead'],
    ['(?<!x)y', 'lookahead'],
    ['(a)\\1', 'back-references'],
    ['\\p{Letter}', 'not supported'],
    ['[', 'not a valid regular expression'],
  ])('refuses %j at the pointer of the pattern', (pattern, reason) => {
    const errors = errorsOf(
      object({ list: { type: 'array', items: object({ code: { type: 'string', pattern } }) } }),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('#/properties/list/items/properties/code/pattern');
    expect(errors[0]).toContain(reason);
  });

  it('names a refused patternProperties key by its pointer (escaped)', () => {
    const errors = errorsOf(object({}, { patternProperties: { 'a/(?=b)': { type: 'string' } } }));
    expect(errors[0]).toContain('#/patternProperties/a~1(?=b)');
    expect(errors[0]).toContain('lookahead');
  });

  it('accepts the patterns RE2 and the browser agree on, unicode included', () => {
    for (const pattern of ['^\\p{L}[\\p{L}\\s-]*$', '^[😀-😂]+$', '^.{1,3}$', '^\\S+@\\S+$']) {
      expect(errorsOf(object({ a: { type: 'string', pattern } }))).toEqual([]);
    }
  });

  it('refuses the slow pattern of the security review for the browser’s sake (RE2 itself runs it in linear time)', () => {
    const errors = errorsOf(object({ v: { type: 'string', pattern: '.*.*.*.*.*.*.*.*x' } }));
    expect(errors[0]).toContain('backtrack polynomially');
  });
});

describe('checkSchema: schemas that would take exponential or quadratic time', () => {
  const chain = (levels: number, branches = 2, keyword = 'anyOf'): Json => {
    const $defs: Json = { [`l${levels}`]: { type: 'string' } };
    for (let i = 0; i < levels; i++) {
      $defs[`l${i}`] = { [keyword]: Array.from({ length: branches }, () => ({ $ref: `#/$defs/l${i + 1}` })) };
    }
    return { $defs, type: 'object', properties: { v: { $ref: '#/$defs/l0' } } };
  };

  it('refuses the anyOf chain of the security review, naming a pointer', () => {
    const errors = errorsOf(chain(19));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^#\/\$defs\/l\d+: validating one value can take about \d+ schema checks/);
  });

  it.each(['anyOf', 'oneOf', 'allOf'])('accepts a short %s chain and refuses a long one', (keyword) => {
    expect(errorsOf(chain(4, 2, keyword))).toEqual([]);
    expect(errorsOf(chain(12, 2, keyword))[0]).toContain('schema checks');
  });

  it('counts fan-out through nested data too (anyOf inside items inside anyOf…)', () => {
    const $defs: Json = { l12: { type: 'string' } };
    for (let i = 0; i < 12; i++) {
      const next = { $ref: `#/$defs/l${i + 1}` };
      $defs[`l${i}`] = { anyOf: [{ type: 'array', items: next }, { items: next }] };
    }
    expect(errorsOf({ $defs, $ref: '#/$defs/l0' })[0]).toContain('schema checks');
  });

  it('counts patternProperties: a key meets every pattern', () => {
    const $defs: Json = { l8: { type: 'string' } };
    for (let i = 0; i < 8; i++) {
      const next = { $ref: `#/$defs/l${i + 1}` };
      $defs[`l${i}`] = { type: 'object', patternProperties: { '^a': next, '^b': next, '^c': next } };
    }
    expect(errorsOf({ $defs, $ref: '#/$defs/l0' })[0]).toContain('schema checks');
  });

  it('refuses an item schema too heavy to repeat thousands of times, naming the array', () => {
    const allPatterns = { allOf: Array.from({ length: 20 }, (_, i) => ({ pattern: `x${i}` })) };
    const errors = errorsOf(object({ rows: { type: 'array', items: allPatterns } }));
    expect(errors[0]).toMatch(/^#\/properties\/rows: each item or extra property/);
    // The same checks on a value that occurs once are fine.
    expect(errorsOf(object({ once: allPatterns }))).toEqual([]);
  });

  it('accepts plain recursion that descends into the data (a tree)', () => {
    const tree = {
      $defs: {
        node: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            children: { type: 'array', items: { $ref: '#/$defs/node' } },
          },
        },
      },
      $ref: '#/$defs/node',
    };
    expect(errorsOf(tree)).toEqual([]);
    expect(errorsOf(object({ next: { $ref: '#' } }))).toEqual([]);
  });

  it('refuses recursion that gains work at every level of the data', () => {
    const node = { properties: { c: { $ref: '#/$defs/node' } } };
    expect(errorsOf({ $defs: { node: { anyOf: [node, node] } }, $ref: '#/$defs/node' })[0]).toContain(
      'gains work at every level',
    );
    expect(
      errorsOf({
        $defs: { node: { ...node, patternProperties: { '^c': { $ref: '#/$defs/node' } } } },
        $ref: '#/$defs/node',
      })[0],
    ).toContain('gains work at every level');
  });

  it('refuses a $ref cycle that never descends into the data', () => {
    const errors = errorsOf({
      $defs: { a: { $ref: '#/$defs/b' }, b: { allOf: [{ $ref: '#/$defs/a' }] } },
      $ref: '#/$defs/a',
    });
    expect(errors[0]).toContain('never descends into the data');
  });

  it('refuses a large ref-free definition inlined at many uses', () => {
    const big: Json = { type: 'object', properties: {} };
    for (let i = 0; i < 400; i++) (big.properties as Json)[`p${i}`] = { type: 'string', maxLength: 10 };
    const properties: Json = {};
    for (let i = 0; i < 200; i++) properties[`f${i}`] = { $ref: '#/$defs/big' };
    expect(errorsOf(object(properties, { $defs: { big } }))[0]).toContain(
      'once its $ref targets are inlined',
    );
  });

  it('refuses uniqueItems over objects without a small maxItems, and accepts it over primitives', () => {
    expect(errorsOf({ type: 'array', uniqueItems: true, items: { type: 'object' } })[0]).toContain(
      '#/uniqueItems',
    );
    expect(errorsOf({ type: 'array', uniqueItems: true })[0]).toContain('#/uniqueItems');
    expect(errorsOf({ type: 'array', uniqueItems: true, maxItems: 100, items: { type: 'object' } })).toEqual(
      [],
    );
    expect(
      errorsOf({ type: 'array', uniqueItems: true, items: { type: 'string', enum: ['a', 'b'] } }),
    ).toEqual([]);
    expect(errorsOf({ type: 'array', uniqueItems: true, items: { type: ['string', 'null'] } })).toEqual([]);
  });

  it('refuses dynamic references, which the estimate cannot follow', () => {
    expect(errorsOf({ $dynamicAnchor: 'node', type: 'object' })[0]).toContain('dynamic references');
    expect(errorsOf(object({ a: { $dynamicRef: '#node' } }))[0]).toContain('dynamic references');
  });

  it('accepts every built-in form shape the designer produces', () => {
    expect(checkSchema(modelToSchema(everyKindModel).schema)).toEqual({ ok: true });
  });
});
