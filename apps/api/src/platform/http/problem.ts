import { STATUS_CODES } from 'node:http';
import type { Request, Response } from 'express';

/**
 * The one error shape of the API: RFC 9457 "problem details", sent as `application/problem+json`.
 *
 * - `type` is always `about:blank`: the HTTP status says what kind of problem it is, so `title` is
 *   the status phrase and `detail` explains this occurrence.
 * - `instance` is the request path (without the query string, which may carry secrets).
 * - `errors` names each bad field: `pointer` is an RFC 6901 JSON Pointer into the request body
 *   (`/email`, `/data/controls/0/control`, `""` for the body as a whole); query and path parameters
 *   are pointed to as `/query/<name>` and `/params/<name>`.
 * - Extension members an exception carries (e.g. `code: 'password-change-required'`) are kept.
 */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface FieldError {
  pointer: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** Members of the problem itself, and of Nest's old `{statusCode, error, message, details}` shape. */
const RESERVED = new Set([
  'type',
  'title',
  'status',
  'detail',
  'instance',
  'errors',
  'statusCode',
  'error',
  'message',
  'details',
]);
const EXTENSION_NAME = /^[A-Za-z][A-Za-z0-9_]{2,}$/;

export function problem(
  status: number,
  detail: string,
  more: { errors?: FieldError[]; extensions?: Record<string, unknown> } = {},
): Problem {
  const extensions = Object.fromEntries(
    Object.entries(more.extensions ?? {}).filter(
      ([name, value]) => !RESERVED.has(name) && EXTENSION_NAME.test(name) && value !== undefined,
    ),
  );
  return {
    ...extensions,
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    ...(more.errors?.length ? { errors: more.errors } : {}),
  };
}

/** Writes the problem as the response; `res.locals.problem` lets the request log name the reason. */
export function sendProblem(req: Request, res: Response, body: Problem): void {
  const withInstance: Problem = { ...body, instance: body.instance ?? requestPath(req) };
  res.locals.problem = withInstance;
  res.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(withInstance));
}

export function requestPath(req: Request): string {
  return (req.originalUrl ?? req.url ?? '').split('?')[0];
}

/** An RFC 6901 JSON Pointer from its reference tokens: `pointer('data', 0, 'a/b')` is `/data/0/a~1b`. */
export function pointer(...tokens: (string | number)[]): string {
  return tokens.map((t) => '/' + String(t).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** A pointer from a dotted path (`query.dueBefore`, `list[1]`); one that already is a pointer is kept. */
export function pointerFromPath(path: string): string {
  if (path === '' || path.startsWith('/')) return path;
  const tokens = [...path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map((m) => m[1] ?? m[2]);
  return pointer(...tokens);
}

/**
 * The `errors` of a problem from what an exception carries: `errors` ({pointer, message}) as is, or
 * the older `details` in any of the shapes the services threw: `{field, errors[]}`, ajv's
 * `{path, message}` (already a pointer), or a plain list of reasons (about the body as a whole).
 */
export function fieldErrorsFrom(errors: unknown, details?: unknown): FieldError[] | undefined {
  const list = Array.isArray(errors) ? errors : Array.isArray(details) ? details : undefined;
  if (!list) return undefined;
  return list.flatMap((entry): FieldError[] => {
    if (typeof entry === 'string') return [{ pointer: '', message: entry }];
    if (!entry || typeof entry !== 'object') return [];
    const e = entry as {
      pointer?: unknown;
      path?: unknown;
      field?: unknown;
      errors?: unknown;
      message?: unknown;
    };
    if (typeof e.pointer === 'string') return [{ pointer: e.pointer, message: String(e.message ?? '') }];
    if (typeof e.field === 'string') {
      const at = pointerFromPath(e.field === '(body)' ? '' : e.field);
      const messages = Array.isArray(e.errors) ? e.errors : [e.message ?? 'is not valid'];
      return messages.map((message) => ({ pointer: at, message: String(message) }));
    }
    if (typeof e.path === 'string')
      return [{ pointer: pointerFromPath(e.path), message: String(e.message ?? 'is not valid') }];
    return [];
  });
}
