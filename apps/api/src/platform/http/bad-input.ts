import type { NextFunction, Request, Response } from 'express';
import { pointer, problem, sendProblem } from './problem';

/** The largest value of a PostgreSQL `integer` column (versions are stored as one). */
export const INT32_MAX = 2_147_483_647;

/**
 * The deepest nesting of objects and arrays a JSON body may have (the top-level value is depth 1).
 * Real payloads (form submissions, machine configs, JSON Schemas) stay far below it; deeper ones
 * would only overflow recursive code further down (class-transformer, ajv, JSON.stringify).
 */
export const MAX_JSON_DEPTH = 128;

/** The first bad value of a JSON document: where it is (RFC 6901 pointer) and what is wrong. */
export interface JsonProblem {
  pointer: string;
  message: string;
  tooDeep?: boolean;
}

// A UTF-16 high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as PostgreSQL text (NUL, lone surrogates), or undefined when it can. */
export function textProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (LONE_SURROGATE.test(value)) return 'must not contain a lone UTF-16 surrogate';
  return undefined;
}

/**
 * Walks a parsed JSON value and reports the first problem: nesting beyond MAX_JSON_DEPTH, or a
 * string (value or property name) PostgreSQL would refuse. Stops at the depth limit, so it never
 * recurses deeper than MAX_JSON_DEPTH itself. `root` prefixes every pointer (`/query` for the query).
 */
export function findJsonProblem(
  value: unknown,
  root = '',
  maxDepth = MAX_JSON_DEPTH,
): JsonProblem | undefined {
  const walk = (v: unknown, at: string, top: string, depth: number): JsonProblem | undefined => {
    if (typeof v === 'string') {
      const problem = textProblem(v);
      return problem ? { pointer: at, message: problem } : undefined;
    }
    if (v === null || typeof v !== 'object') return undefined;
    if (depth > maxDepth) {
      // Named by its top-level field: the full path of a 10,000-deep value says nothing more.
      return {
        pointer: top,
        message: `is nested deeper than ${maxDepth} levels of objects and arrays`,
        tooDeep: true,
      };
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const child = at + pointer(i);
        const found = walk(v[i], child, depth === 1 ? child : top, depth + 1);
        if (found) return found;
      }
      return undefined;
    }
    for (const key of Object.keys(v)) {
      const child = at + pointer(key);
      const keyProblem = textProblem(key);
      if (keyProblem) return { pointer: child, message: `has a property name that ${keyProblem}` };
      const found = walk((v as Record<string, unknown>)[key], child, depth === 1 ? child : top, depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return walk(value, root, root, 1);
}

function badRequest(req: Request, res: Response, found: JsonProblem, detail: string): void {
  sendProblem(
    req,
    res,
    problem(400, detail, { errors: [{ pointer: found.pointer, message: found.message }] }),
  );
}

/**
 * Runs after the JSON body parser on every API route: refuses bodies nested beyond MAX_JSON_DEPTH
 * and any text PostgreSQL cannot store (NUL, lone surrogates) in the body or the query string,
 * with a 400 naming the field's path. One check for every route, DTO-bound or free-form JSON.
 */
export function badInputGuard(req: Request, res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  if (body !== undefined && body !== null && typeof body === 'object') {
    const found = findJsonProblem(body);
    if (found) {
      const detail = found.tooDeep
        ? `The JSON body is nested deeper than the limit of ${MAX_JSON_DEPTH} levels (in ${found.pointer || 'the body'}).`
        : `${found.pointer || 'The body'} ${found.message}.`;
      return badRequest(req, res, found, detail);
    }
  }
  const query = req.query as unknown;
  if (query && typeof query === 'object') {
    const found = findJsonProblem(query, '/query', 8);
    if (found) return badRequest(req, res, found, `${found.pointer} ${found.message}.`);
  }
  next();
}

interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
  message?: string;
  limit?: number;
}

/**
 * An Express error handler for the body parser's own errors (malformed JSON, body too large,
 * unsupported charset), answered in the one error shape instead of Express's HTML page.
 */
export function bodyParserErrors(err: unknown, req: Request, res: Response, next: NextFunction): void {
  const e = err as BodyParserError | undefined;
  if (!e || typeof e !== 'object' || typeof e.type !== 'string') return next(err);
  const status = e.status ?? e.statusCode ?? 400;
  let message: string;
  switch (e.type) {
    case 'entity.parse.failed':
      message = 'The request body is not valid JSON.';
      break;
    case 'entity.too.large':
      message = `The request body is larger than the limit of ${e.limit ?? 'the server'} bytes.`;
      break;
    case 'encoding.unsupported':
    case 'charset.unsupported':
      message = 'The request body has an unsupported encoding or charset.';
      break;
    default:
      if (status >= 500) return next(err);
      message = 'The request body could not be read.';
  }
  sendProblem(req, res, problem(status, message, { errors: [{ pointer: '', message }] }));
}
