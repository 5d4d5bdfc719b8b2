import { createAjv, draftOf, KNOWN_FORMATS, type SchemaDraft } from './ajv-instance.factory';
import { findRe2Problem, re2RegExp } from './re2-pattern';
import { findRegexHazard } from './regex-safety.checker';
import { escapeSegment, estimateSchemaCost } from './schema-cost';
import type Ajv from 'ajv';

export type CheckResult = { ok: true } | { ok: false; errors: string[] };

/** The largest schema accepted, serialised as UTF-8 JSON. */
export const MAX_SCHEMA_BYTES = 256 * 1024;
/** The deepest nesting of JSON objects/arrays accepted. */
export const MAX_SCHEMA_DEPTH = 32;

const MAX_ERRORS = 50;
const SUBSCHEMA_KEYWORDS = [
  'not',
  'if',
  'then',
  'else',
  'additionalItems',
  'contains',
  'additionalProperties',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentSchema',
  'items',
];
const SUBSCHEMA_LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
const SUBSCHEMA_MAP_KEYWORDS = [
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
  'dependencies',
];
const REF_KEYWORDS = ['$ref'];
/** Dynamic references resolve at validation time, so the cost estimate could not follow them. */
const DYNAMIC_REF_KEYWORDS = ['$dynamicRef', '$recursiveRef', '$dynamicAnchor', '$recursiveAnchor'];
const PRIMITIVE_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null']);
/**
 * `uniqueItems` compares every pair of items unless `items` declares only primitive types (then ajv
 * hashes them): without such types the array must be bounded by `maxItems` ≤ this.
 */
export const MAX_UNIQUE_ITEMS_COMPARED = 100;
const knownFormats = new Set(KNOWN_FORMATS);

// Dedicated instances with logging off: checking must not print ajv's warnings for foreign schemas.
const checkers = new Map<SchemaDraft, Ajv>();

/**
 * Checks a form schema before it is saved: it must be plain JSON within size and depth limits,
 * declare a supported draft, use only safe regexes, known formats and document-local `$ref`s, and
 * compile with the same ajv configuration the server and the browser validate with.
 */
export function checkSchema(schema: unknown): CheckResult {
  if (!isPlainObject(schema)) return fail(['the schema must be a JSON object']);
  const errors: string[] = [];
  const depth = measureDepth(schema, 0);
  if (depth > MAX_SCHEMA_DEPTH) return fail([`the schema nests deeper than ${MAX_SCHEMA_DEPTH} levels`]);
  let serialised: string;
  try {
    serialised = JSON.stringify(schema);
  } catch (error) {
    return fail([`the schema is not serialisable JSON: ${(error as Error).message}`]);
  }
  const bytes = new TextEncoder().encode(serialised).length;
  if (bytes > MAX_SCHEMA_BYTES)
    return fail([`the schema is ${bytes} bytes; the limit is ${MAX_SCHEMA_BYTES}`]);

  const draft = draftOf(schema);
  if (!draft)
    errors.push(`$schema ${JSON.stringify(schema.$schema)} is not supported: use draft 2020-12 or draft-07`);
  inspect(schema, '#', errors);
  if (errors.length > 0 || !draft) return fail(errors);
  try {
    const cost = estimateSchemaCost(schema);
    if (cost.problems.length > 0) return fail(cost.problems);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return fail(['the schema chains $refs too deeply to analyse']);
  }

  const ajv = checkerFor(draft);
  try {
    ajv.compile(schema);
  } catch (error) {
    return fail([`the schema does not compile: ${(error as Error).message}`]);
  } finally {
    ajv.removeSchema(schema);
  }
  return { ok: true };
}

function checkerFor(draft: SchemaDraft): Ajv {
  let ajv = checkers.get(draft);
  if (!ajv) {
    ajv = createAjv(draft, { logger: false, code: { regExp: re2RegExp } });
    checkers.set(draft, ajv);
  }
  return ajv;
}

/** Walks the schema through its schema-valued keywords only, so data (`default`, `enum`…) is never mistaken for schema. */
function inspect(schema: unknown, path: string, errors: string[]): void {
  if (!isPlainObject(schema) || errors.length >= MAX_ERRORS) return;
  if ('$id' in schema)
    errors.push(`${path}: $id is not allowed (ids are registered globally by the validator)`);
  if ('pattern' in schema) {
    if (typeof schema.pattern !== 'string') errors.push(`${path}/pattern: must be a string`);
    else {
      const problem = findPatternProblem(schema.pattern);
      if (problem) errors.push(`${path}/pattern ${JSON.stringify(schema.pattern)}: ${problem}`);
    }
  }
  if (isPlainObject(schema.patternProperties)) {
    for (const key of Object.keys(schema.patternProperties)) {
      const problem = findPatternProblem(key);
      if (problem)
        errors.push(`${path}/patternProperties/${escapeSegment(key)} ${JSON.stringify(key)}: ${problem}`);
    }
  }
  for (const keyword of DYNAMIC_REF_KEYWORDS) {
    if (keyword in schema) errors.push(`${path}/${keyword}: dynamic references are not supported; use $ref`);
  }
  if (schema.uniqueItems === true && !hasPrimitiveItemTypes(schema.items)) {
    const maxItems = schema.maxItems;
    if (typeof maxItems !== 'number' || maxItems > MAX_UNIQUE_ITEMS_COMPARED) {
      errors.push(
        `${path}/uniqueItems: compares every pair of items; give "items" a primitive "type" or set "maxItems" to at most ${MAX_UNIQUE_ITEMS_COMPARED}`,
      );
    }
  }
  if ('format' in schema) {
    if (typeof schema.format !== 'string' || !knownFormats.has(schema.format)) {
      errors.push(`${path}/format: unknown format ${JSON.stringify(schema.format)}`);
    }
  }
  for (const keyword of REF_KEYWORDS) {
    if (!(keyword in schema)) continue;
    const ref = schema[keyword];
    if (typeof ref !== 'string' || !ref.startsWith('#')) {
      errors.push(
        `${path}/${keyword}: only references inside the document ('#…') are allowed, got ${JSON.stringify(ref)}`,
      );
    }
  }
  for (const keyword of SUBSCHEMA_KEYWORDS) {
    if (isPlainObject(schema[keyword])) inspect(schema[keyword], `${path}/${keyword}`, errors);
  }
  for (const keyword of SUBSCHEMA_LIST_KEYWORDS) {
    const list = schema[keyword];
    if (Array.isArray(list))
      list.forEach((item, index) => inspect(item, `${path}/${keyword}/${index}`, errors));
  }
  for (const keyword of SUBSCHEMA_MAP_KEYWORDS) {
    const map = schema[keyword];
    if (!isPlainObject(map)) continue;
    for (const [key, value] of Object.entries(map))
      inspect(value, `${path}/${keyword}/${escapeSegment(key)}`, errors);
  }
}

/**
 * Why a pattern is refused, or null. It must be valid JavaScript in unicode mode, mean the same to
 * RE2 (the server) as to the browser's RegExp, and not backtrack catastrophically in the browser.
 */
export function findPatternProblem(pattern: string): string | null {
  return findRe2Problem(pattern) ?? findRegexHazard(pattern);
}

function hasPrimitiveItemTypes(items: unknown): boolean {
  if (!isPlainObject(items)) return false;
  const types = Array.isArray(items.type) ? items.type : [items.type];
  return types.length > 0 && types.every((type) => typeof type === 'string' && PRIMITIVE_TYPES.has(type));
}

function measureDepth(value: unknown, depth: number): number {
  if (depth > MAX_SCHEMA_DEPTH) return depth;
  if (value === null || typeof value !== 'object') return depth;
  let deepest = depth + 1;
  for (const child of Object.values(value)) {
    deepest = Math.max(deepest, measureDepth(child, depth + 1));
    if (deepest > MAX_SCHEMA_DEPTH) break;
  }
  return deepest;
}

/** True for a non-null, non-array object whose prototype is some realm's Object.prototype, or null. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

/** A deep copy of a JSON value. */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function fail(errors: string[]): CheckResult {
  return { ok: false, errors: errors.slice(0, MAX_ERRORS) };
}
