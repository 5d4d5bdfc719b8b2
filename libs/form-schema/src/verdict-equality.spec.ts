/**
 * The guards (RE2 patterns, the cost estimate) may refuse a schema, but must never change what an
 * accepted schema means: for every schema of this corpus the product accepts, its verdict on every
 * input equals plain ajv's (`allErrors`, `strict: false`, ajv-formats) and, error for error, the
 * browser configuration's (native RegExp).
 */
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { createAjv, draftOf } from './ajv-instance.factory';
import { checkSchema } from './schema-check.validator';
import { createSubmissionValidator, toSubmissionErrors } from './submission.validator';

type Case = { name: string; schema: string; inputs: string[] };

// Written as JSON text: `__proto__` in a JS object literal would set the prototype, not a property.
const CORPUS: Case[] = [
  {
    name: 'prototype-looking property names, required',
    schema: `{"type":"object","properties":{"__proto__":{"type":"string"},"constructor":{"type":"integer"},
      "toString":{"type":"boolean"},"hasOwnProperty":{"type":"null"}},
      "required":["__proto__","constructor","toString","hasOwnProperty"]}`,
    inputs: [
      '{}',
      '{"__proto__":"x","constructor":1,"toString":true,"hasOwnProperty":null}',
      '{"__proto__":1,"constructor":1,"toString":true,"hasOwnProperty":null}',
      '{"__proto__":"x","constructor":"1","toString":true,"hasOwnProperty":null}',
      '{"constructor":1,"toString":true,"hasOwnProperty":null}',
      '{"__proto__":{},"constructor":{},"toString":{},"hasOwnProperty":{}}',
      '[]',
      '"constructor"',
    ],
  },
  {
    name: 'prototype-looking names with additionalProperties false',
    schema: `{"type":"object","properties":{"toString":{"type":"string"}},"additionalProperties":false}`,
    inputs: ['{}', '{"toString":"a"}', '{"__proto__":"a"}', '{"constructor":"a"}', '{"valueOf":1}'],
  },
  {
    name: 'prototype-looking names through patternProperties, propertyNames and dependentRequired',
    schema: `{"type":"object","patternProperties":{"^__":{"type":"number"},"^to":{"type":"string"}},
      "propertyNames":{"pattern":"^[\\\\p{L}_]+$"},"dependentRequired":{"constructor":["hasOwnProperty"]}}`,
    inputs: [
      '{}',
      '{"__proto__":1}',
      '{"__proto__":"1"}',
      '{"toString":"x"}',
      '{"toString":1}',
      '{"constructor":1}',
      '{"constructor":1,"hasOwnProperty":2}',
      '{"bad-name":1}',
      '{"héllo":1}',
    ],
  },
  {
    name: 'unicode patterns',
    schema: `{"type":"object","properties":{
      "name":{"type":"string","pattern":"^\\\\p{L}[\\\\p{L}\\\\s'-]*$"},
      "emoji":{"type":"string","pattern":"^[😀-😏]+$"},
      "line":{"type":"string","pattern":"^.{1,5}$"},
      "spaced":{"type":"string","pattern":"^[\\\\s\\\\w]+$"},
      "greek":{"type":"string","pattern":"^\\\\p{Script=Greek}+$"},
      "code":{"type":"string","pattern":"^A\\\\.[0-9]+\\\\.[0-9]+(\\\\.[0-9]+)?$"}}}`,
    inputs: [
      '{"name":"Zoë Ñandú"}',
      '{"name":"Zoë2"}',
      '{"name":" lead"}',
      '{"emoji":"😀😁"}',
      '{"emoji":"😀x"}',
      '{"emoji":"\\ud83d"}',
      '{"line":"abcde"}',
      '{"line":"ab\\u2028c"}',
      '{"line":"ab\\rc"}',
      '{"line":"😀😀😀😀😀"}',
      '{"spaced":"a b\\u00a0c"}',
      '{"spaced":"a \\u3000 b"}',
      '{"spaced":"a\\ufeffb"}',
      '{"greek":"αβγ"}',
      '{"greek":"abc"}',
      '{"code":"A.6.2.4"}',
      '{"code":"A.6"}',
    ],
  },
  {
    name: 'combinators, conditionals, refs and arrays',
    schema: `{"$defs":{"risk":{"type":"object","properties":{"likelihood":{"type":"integer","minimum":1,"maximum":5},
      "impact":{"type":"integer","minimum":1,"maximum":5}},"required":["likelihood","impact"]}},
      "type":"object","properties":{
      "kind":{"enum":["a","b"]},
      "risk":{"$ref":"#/$defs/risk"},
      "risks":{"type":"array","items":{"$ref":"#/$defs/risk"},"maxItems":3},
      "tags":{"type":"array","items":{"type":"string","pattern":"^[a-z]+$"},"uniqueItems":true},
      "pair":{"type":"array","prefixItems":[{"type":"string"},{"type":"number"}],"items":false},
      "either":{"oneOf":[{"type":"string","maxLength":3},{"type":"string","minLength":2}]},
      "any":{"anyOf":[{"type":"null"},{"type":"string","format":"email"}]},
      "when":{"type":"string","format":"date"}},
      "allOf":[{"if":{"properties":{"kind":{"const":"b"}},"required":["kind"]},"then":{"required":["risk"]}}]}`,
    inputs: [
      '{}',
      '{"kind":"b"}',
      '{"kind":"b","risk":{"likelihood":3,"impact":4}}',
      '{"risk":{"likelihood":9,"impact":4}}',
      '{"risks":[{"likelihood":1,"impact":1},{"likelihood":1}]}',
      '{"risks":[{"likelihood":1,"impact":1},{"likelihood":1,"impact":1},{"likelihood":1,"impact":1},{"likelihood":1,"impact":1}]}',
      '{"tags":["a","b"]}',
      '{"tags":["a","a"]}',
      '{"tags":["A"]}',
      '{"pair":["x",1]}',
      '{"pair":["x",1,2]}',
      '{"pair":[1,"x"]}',
      '{"either":"ab"}',
      '{"either":"a"}',
      '{"either":"abcd"}',
      '{"any":null}',
      '{"any":"x@example.com"}',
      '{"any":"nope"}',
      '{"when":"2026-02-28"}',
      '{"when":"2026-02-30"}',
      '{"kind":"c"}',
    ],
  },
  {
    name: 'a recursive tree',
    schema: `{"$defs":{"node":{"type":"object","properties":{"label":{"type":"string","pattern":"^\\\\w+$"},
      "children":{"type":"array","items":{"$ref":"#/$defs/node"}}},"required":["label"]}},"$ref":"#/$defs/node"}`,
    inputs: [
      '{"label":"root"}',
      '{"label":"root","children":[{"label":"a","children":[{"label":"b"}]}]}',
      '{"label":"root","children":[{"label":"a","children":[{"label":"b c"}]}]}',
      '{"label":"root","children":[{}]}',
    ],
  },
  {
    name: 'draft-07 with definitions and tuple items',
    schema: `{"$schema":"http://json-schema.org/draft-07/schema#","definitions":{"code":{"type":"string","pattern":"^[A-Z]{2}\\\\d$"}},
      "type":"object","properties":{"codes":{"type":"array","items":[{"$ref":"#/definitions/code"},{"type":"integer"}],
      "additionalItems":false},"constructor":{"$ref":"#/definitions/code"}},"required":["constructor"]}`,
    inputs: [
      '{"constructor":"AB1"}',
      '{"constructor":"ab1"}',
      '{}',
      '{"constructor":"AB1","codes":["XY9",2]}',
      '{"constructor":"AB1","codes":["XY9",2,3]}',
      '{"constructor":"AB1","codes":["xy9"]}',
    ],
  },
];

function plainAjv(schema: Record<string, unknown>) {
  const AjvClass = draftOf(schema) === 'draft-07' ? Ajv : Ajv2020;
  const ajv = new AjvClass({ allErrors: true, strict: false, logger: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('verdict equality with plain ajv over a corpus of accepted schemas', () => {
  it.each(CORPUS.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    const schema = JSON.parse(entry.schema) as Record<string, unknown>;
    expect(checkSchema(schema)).toEqual({ ok: true });
    const product = createSubmissionValidator(schema);
    const plain = plainAjv(schema);
    const browser = createAjv(draftOf(schema)!, { logger: false }).compile(schema);
    for (const text of entry.inputs) {
      const data = JSON.parse(text) as unknown;
      const verdict = product(data);
      const plainValid = plain(data);
      const browserValid = browser(data);
      expect({ input: text, valid: verdict.valid }).toEqual({ input: text, valid: plainValid });
      expect({ input: text, valid: verdict.valid }).toEqual({ input: text, valid: browserValid });
      expect(verdict.errors).toEqual(toSubmissionErrors(browser.errors ?? []));
    }
  });

  it('covers valid and invalid answers for every schema (the corpus is not one-sided)', () => {
    for (const entry of CORPUS) {
      const product = createSubmissionValidator(JSON.parse(entry.schema));
      const verdicts = new Set(entry.inputs.map((text) => product(JSON.parse(text)).valid));
      expect([entry.name, verdicts.size]).toEqual([entry.name, 2]);
    }
  });
});
