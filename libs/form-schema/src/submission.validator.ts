import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv, draftOf, type SchemaDraft } from './ajv-instance.factory';
import { re2RegExp } from './re2-pattern';
import { humanMessage } from './human-messages';

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
  const validate: ValidateFunction = serverAjv(draft).compile(schema);
  return (data) => {
    if (validate(data)) return { valid: true, errors: [] };
    return { valid: false, errors: toSubmissionErrors(validate.errors ?? []) };
  };
}

const serverInstances = new Map<SchemaDraft, Ajv>();

/**
 * The process-wide ajv of a draft (compiled schemas stay cached by ajv): the browser's configuration,
 * except that patterns run on RE2, in linear time, so no submitted string can stall the server.
 */
export function serverAjv(draft: SchemaDraft): Ajv {
  let ajv = serverInstances.get(draft);
  if (!ajv) {
    ajv = createAjv(draft, { code: { regExp: re2RegExp } });
    serverInstances.set(draft, ajv);
  }
  return ajv;
}

/**
 * Turns ajv errors into path + message pairs in the product's words ({@link humanMessage}),
 * dropping the summary errors of `if` and duplicates.
 */
export function toSubmissionErrors(errors: readonly ErrorObject[]): SubmissionError[] {
  const seen = new Set<string>();
  const result: SubmissionError[] = [];
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    const missing = (error.params as { missingProperty?: string }).missingProperty;
    const path =
      missing === undefined ? error.instancePath : `${error.instancePath}/${escapePointer(missing)}`;
    const message = humanMessage(error.keyword, error.params as Record<string, unknown>);
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
