/**
 * Benchmark: the slowest schemas the schema check still accepts, each validating a ~10 KB
 * submission built to hit its worst case, plus every built-in form (`forms/<key>/form.json`) with a
 * ~10 KB submission. Target: no single validation over 50 ms.
 * Run with `node libs/form-schema/src/bench/run-slow-bench.cjs [iterations]` (or tools/bench/forms/run.js).
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkSchema } from '../schema-check.validator';
import { estimateSchemaCost, MAX_WORK_PER_VALUE } from '../schema-cost';
import { createSubmissionValidator } from '../submission.validator';

type Json = Record<string, unknown>;
export interface BenchCase {
  name: string;
  schema: Json;
  data: unknown;
}

const TARGET_BYTES = 10 * 1024;

/** Repeats `item` in an array until the JSON is about 10 KB. */
function arrayOf(make: (i: number) => unknown): unknown[] {
  const out: unknown[] = [];
  let bytes = 2;
  for (let i = 0; bytes < TARGET_BYTES; i++) {
    const item = make(i);
    bytes += JSON.stringify(item).length + 1;
    out.push(item);
  }
  return out;
}

/** The longest anyOf chain (two branches per level) the cost estimate accepts, over an array of values that fail every branch. */
function anyOfChainJustUnderLimit(keyword: 'anyOf' | 'oneOf'): BenchCase {
  let best: Json | null = null;
  for (let levels = 1; levels < 30; levels++) {
    const $defs: Json = { [`l${levels}`]: { type: 'string', pattern: '^[a-z]+\\d$' } };
    for (let i = 0; i < levels; i++) {
      const next = { $ref: `#/$defs/l${i + 1}` };
      $defs[`l${i}`] = { [keyword]: [next, { ...next, maxLength: 100 }] };
    }
    const schema = {
      $defs,
      type: 'object',
      properties: { values: { type: 'array', items: { $ref: '#/$defs/l0' } } },
    };
    if (!checkSchema(schema).ok) break;
    best = schema;
  }
  return {
    name: `${keyword} chain just under the limit`,
    schema: best!,
    data: { values: arrayOf(() => 'abc1x') },
  };
}

/** As many patternProperties as fit under the limit; an object of ~10 KB of keys, each meeting every pattern. */
function manyPatternProperties(): BenchCase {
  let best: Json | null = null;
  for (let count = 1; count < 5000; count++) {
    const patternProperties: Json = {};
    for (let i = 0; i < count; i++)
      patternProperties[`^k.*${i % 10}|^x${i}$`] = { type: 'string', minLength: 1 };
    const schema = { type: 'object', properties: { answers: { type: 'object', patternProperties } } };
    if (!checkSchema(schema).ok) break;
    best = schema;
  }
  const answers: Json = {};
  let bytes = 0;
  for (let i = 0; bytes < TARGET_BYTES; i++) {
    const key = `k${i}_${'q'.repeat(20)}`;
    answers[key] = 'v';
    bytes += key.length + 6;
  }
  return { name: 'many patternProperties', schema: best!, data: { answers } };
}

/** Many string fields with patterns, one long string answer each (RE2 is linear in the string). */
function manyPatternsLongStrings(): BenchCase {
  const properties: Json = {};
  const data: Json = {};
  for (let i = 0; i < 40; i++) {
    properties[`f${i}`] = { type: 'string', pattern: '^[\\p{L}\\s]+[.!?]?$', maxLength: 20000 };
    data[`f${i}`] = `${'word '.repeat(10)}`;
  }
  properties.long = { type: 'string', pattern: '.*.*x' };
  data.long = 'a'.repeat(TARGET_BYTES - JSON.stringify(data).length);
  return { name: 'patterns over long strings', schema: { type: 'object', properties }, data };
}

/** A wide item schema (hundreds of properties) over an array of ~10 KB of small objects. */
function wideItemsBigArray(): BenchCase {
  let best: Json | null = null;
  for (let width = 10; width < 5000; width += 10) {
    const properties: Json = {};
    for (let i = 0; i < width; i++) properties[`p${i}`] = { type: 'integer', minimum: 0, maximum: 9 };
    const schema = {
      type: 'object',
      properties: { rows: { type: 'array', items: { type: 'object', properties } } },
    };
    if (!checkSchema(schema).ok) break;
    best = schema;
  }
  return {
    name: 'wide items over a big array',
    schema: best!,
    data: { rows: arrayOf((i) => ({ p0: i % 10 })) },
  };
}

/** Deep nesting: allOf/anyOf/if at every level, down to the depth limit, with an array at the bottom. */
function deepNesting(): BenchCase {
  let schema: Json = { type: 'array', items: { type: 'string', enum: ['a', 'b', 'c'] } };
  for (let i = 0; i < 7; i++) {
    schema = {
      type: 'object',
      properties: { x: schema, y: { type: 'string', maxLength: 5 } },
      allOf: [{ if: { required: ['y'] }, then: { required: ['x'] } }],
      anyOf: [{ required: ['x'] }, { required: ['y'] }],
    };
  }
  let data: unknown = arrayOf((i) => ['a', 'b', 'd'][i % 3]);
  for (let i = 0; i < 7; i++) data = { x: data, y: 'abc' };
  return { name: 'deep nesting to the depth limit', schema, data };
}

/** uniqueItems over objects at the largest accepted maxItems, the items equal but for their last key. */
function uniqueObjects(): BenchCase {
  const filler = 'z'.repeat(60);
  return {
    name: 'uniqueItems over 100 objects',
    schema: { type: 'array', uniqueItems: true, maxItems: 100, items: { type: 'object' } },
    data: Array.from({ length: 100 }, (_, i) => ({ a: filler, b: i })),
  };
}

/** Every string format of ajv-formats against a ~10 KB adversarial value. */
function formatsOnLongStrings(): BenchCase {
  const formats = [
    'email',
    'uri',
    'uri-reference',
    'hostname',
    'date-time',
    'uuid',
    'ipv6',
    'color',
    'data-url',
  ];
  const properties: Json = {};
  const data: Json = {};
  const length = Math.floor(TARGET_BYTES / formats.length);
  for (const format of formats) {
    properties[format] = { type: 'string', format };
    data[format] = `${'a.'.repeat(length / 2)}@`;
  }
  return { name: 'formats over long strings', schema: { type: 'object', properties }, data };
}

/** The built-in forms, each with a ~10 KB submission: every string field long, every list long. */
export function builtInFormCases(root: string): BenchCase[] {
  const dir = path.join(root, 'forms');
  return fs
    .readdirSync(dir)
    .filter((key) => fs.existsSync(path.join(dir, key, 'form.json')))
    .map((key) => {
      const form = JSON.parse(fs.readFileSync(path.join(dir, key, 'form.json'), 'utf8')) as { schema: Json };
      return { name: `built-in ${key}`, schema: form.schema, data: fillTo10Kb(form.schema) };
    });
}

/** A submission shaped by the schema: arrays repeated and strings lengthened until ~10 KB. */
function fillTo10Kb(schema: Json): unknown {
  let size = 1;
  let data = sample(schema, schema, size);
  while (JSON.stringify(data).length < TARGET_BYTES && size < 4096) {
    size *= 2;
    data = sample(schema, schema, size);
  }
  return data;
}

function sample(schema: unknown, root: Json, size: number, depth = 0): unknown {
  if (typeof schema !== 'object' || schema === null || depth > 12) return null;
  let s = schema as Json;
  if (typeof s.$ref === 'string') {
    const target = s.$ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], root);
    s = { ...(target as Json), ...s, $ref: undefined };
  }
  if (Array.isArray(s.enum)) return s.enum[0];
  if ('const' in s) return s.const;
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'object' || s.properties) {
    const out: Json = {};
    for (const [key, child] of Object.entries((s.properties ?? {}) as Json))
      out[key] = sample(child, root, size, depth + 1);
    return out;
  }
  if (type === 'array')
    return Array.from({ length: Math.min(size, 500) }, () => sample(s.items, root, size, depth + 1));
  if (type === 'string') return 'x'.repeat(Math.min(size, 2000));
  if (type === 'integer' || type === 'number') return 1;
  if (type === 'boolean') return true;
  return null;
}

export function adversarialCases(): BenchCase[] {
  return [
    anyOfChainJustUnderLimit('anyOf'),
    anyOfChainJustUnderLimit('oneOf'),
    manyPatternProperties(),
    manyPatternsLongStrings(),
    wideItemsBigArray(),
    deepNesting(),
    uniqueObjects(),
    formatsOnLongStrings(),
  ];
}

export interface CaseResult {
  name: string;
  accepted: boolean;
  workPerValue: number;
  repeatedWork: number;
  dataBytes: number;
  compileMs: number;
  p95Ms: number;
  maxMs: number;
}

/** Times `iterations` validations of each case (after one warm-up); refused cases are reported, not timed. */
export function benchSlowSchemas(
  root: string,
  iterations = 30,
): {
  cases: CaseResult[];
  worst: { name: string; maxMs: number };
  maxWorkPerValue: number;
} {
  const cases: CaseResult[] = [];
  for (const { name, schema, data } of [...adversarialCases(), ...builtInFormCases(root)]) {
    const accepted = checkSchema(schema).ok;
    const cost = estimateSchemaCost(schema);
    const result: CaseResult = {
      name,
      accepted,
      workPerValue: cost.workPerValue,
      repeatedWork: cost.repeatedWork,
      dataBytes: JSON.stringify(data).length,
      compileMs: 0,
      p95Ms: 0,
      maxMs: 0,
    };
    if (accepted) {
      const compileStarted = performance.now();
      const validate = createSubmissionValidator(schema);
      result.compileMs = round(performance.now() - compileStarted);
      validate(data);
      const samples: number[] = [];
      for (let i = 0; i < iterations; i++) {
        const started = performance.now();
        validate(data);
        samples.push(performance.now() - started);
      }
      samples.sort((a, b) => a - b);
      result.p95Ms = round(samples[Math.min(samples.length - 1, Math.floor(0.95 * samples.length))]);
      result.maxMs = round(samples[samples.length - 1]);
    }
    cases.push(result);
  }
  const worst = cases.reduce((a, b) => (b.maxMs > a.maxMs ? b : a));
  return { cases, worst: { name: worst.name, maxMs: worst.maxMs }, maxWorkPerValue: MAX_WORK_PER_VALUE };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
