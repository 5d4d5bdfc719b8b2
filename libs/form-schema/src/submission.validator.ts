import type { ErrorObject, ValidateFunction } from 'ajv';
import { draftOf, sharedAjv } from './ajv-instance.factory';

export interface SubmissionError {
  /** JSON pointer to the offending value, e.g. '/risks/0/likelihood'; a missing field points at itself. */
  path: string;
  message: string;
}

export interface SubmissionVerdict {
  valid: boolean;
  errors: SubmissionError[];
}

export type SubmissionValidator = (data: unknown) => SubmissionVerdict;

/**
 * Compiles a form schema once into a reusable validator for submitted data (the server caches one
 * per form version). Throws when the schema does not compile; run `checkSchema` before saving.
 */
export function createSubmissionValidator(schema: Record<string, unknown>): SubmissionValidator {
  const draft = draftOf(schema);
  if (!draft) throw new Error('unsupported $schema: use draft 2020-12 or draft-07');
  const validate: ValidateFunction = sharedAjv(draft).compile(schema);
  return (data) => {
    if (validate(data)) return { valid: true, errors: [] };
    return { valid: false, errors: toSubmissionErrors(validate.errors ?? []) };
  };
}

/** Turns ajv errors into path + message pairs, dropping the summary errors of `if` and duplicates. */
export function toSubmissionErrors(errors: readonly ErrorObject[]): SubmissionError[] {
  const seen = new Set<string>();
  const result: SubmissionError[] = [];
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    const missing = (error.params as { missingProperty?: string }).missingProperty;
    const path =
      missing === undefined ? error.instancePath : `${error.instancePath}/${escapePointer(missing)}`;
    const message = error.message ?? error.keyword;
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ path, message });
  }
  return result;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
