/**
 * Micro-benchmark: validating one submission of a 50-field form with a compiled validator.
 * Target: median ≤ 0.1 ms. Run with `node libs/form-schema/src/bench/run-bench.cjs [iterations]`
 * (or `npx nx run form-schema:bench`); prints JSON { medianMs, p95Ms, iterations }.
 */
import { performance } from 'node:perf_hooks';
import type { FieldModel } from '../model';
import { modelToSchema } from '../model-to-schema.mapper';
import { createSubmissionValidator } from '../submission.validator';

const KINDS: FieldModel['kind'][] = [
  'shortText',
  'longText',
  'integer',
  'number',
  'date',
  'singleChoice',
  'user',
  'control',
  'boolean',
  'riskMatrix',
];
const SAMPLE: Record<string, unknown> = {
  shortText: 'a short answer',
  longText: 'a longer answer that goes on for a while',
  integer: 3,
  number: 2.5,
  date: '2025-06-30',
  singleChoice: 'two',
  user: '3f0e8a52-6d1b-4c5e-9a7f-1b2c3d4e5f60',
  control: 'A.6.2.4',
  boolean: true,
  riskMatrix: { likelihood: 3, impact: 4 },
};

/** Builds a 50-field form plus a valid submission for it. */
export function fiftyFieldForm(): { schema: Record<string, unknown>; data: Record<string, unknown> } {
  const fields: FieldModel[] = [];
  const data: Record<string, unknown> = {};
  for (let i = 0; i < 50; i++) {
    const kind = KINDS[i % KINDS.length];
    const field: FieldModel = { id: `field${i}`, kind, label: `Field ${i}`, required: i % 2 === 0 };
    if (kind === 'singleChoice')
      field.options = [
        { value: 'one', label: 'One' },
        { value: 'two', label: 'Two' },
      ];
    if (kind === 'shortText') field.maxLength = 200;
    if (kind === 'integer') Object.assign(field, { min: 0, max: 10 });
    fields.push(field);
    data[field.id] = SAMPLE[kind];
  }
  return { schema: modelToSchema({ title: 'Fifty fields', fields }).schema, data };
}

/** Times `iterations` validations of a valid 50-field submission; returns median and p95 in milliseconds. */
export function benchValidate50Fields(iterations = 20000): {
  medianMs: number;
  p95Ms: number;
  iterations: number;
} {
  const { schema, data } = fiftyFieldForm();
  const validate = createSubmissionValidator(schema);
  if (!validate(data).valid) throw new Error('the benchmark submission should be valid');
  for (let i = 0; i < 2000; i++) validate(data); // warm up the JIT
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    validate(data);
    samples[i] = performance.now() - started;
  }
  samples.sort();
  const at = (quantile: number) => samples[Math.min(iterations - 1, Math.floor(quantile * iterations))];
  return { medianMs: round(at(0.5)), p95Ms: round(at(0.95)), iterations };
}

function round(ms: number): number {
  return Math.round(ms * 1e6) / 1e6;
}
