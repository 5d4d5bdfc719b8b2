import type { ErrorSchema } from '@rjsf/utils';
import type { ProblemFieldError } from '../api/api-types';

/** One problem the server found in a submission. */
export interface SubmissionProblem {
  path: string;
  message: string;
}

/**
 * The problems of a 422 to a task completion: the problem's `errors` point into the request body
 * `{data}`, so `/data/dpiaReference` becomes the form field `/dpiaReference`.
 */
export function submissionProblems(errors: readonly ProblemFieldError[]): SubmissionProblem[] {
  return errors.map((e) => ({
    path:
      e.pointer === '/data'
        ? ''
        : e.pointer.startsWith('/data/')
          ? e.pointer.slice('/data'.length)
          : e.pointer,
    message: e.message,
  }));
}

/**
 * The problems that name a field as an RJSF error schema (`{a: {b: {__errors: [...]}}}`), so each is
 * shown next to its field; a problem about the whole form stays in the summary only.
 */
export function errorSchemaFor(problems: readonly SubmissionProblem[]): ErrorSchema | undefined {
  const schema: Record<string, unknown> = {};
  for (const problem of problems) {
    const segments = pathSegments(problem.path);
    if (segments.length === 0) continue;
    let node = schema;
    for (const segment of segments) node = (node[segment] ??= {}) as Record<string, unknown>;
    ((node.__errors ??= []) as string[]).push(problem.message);
  }
  return Object.keys(schema).length ? (schema as ErrorSchema) : undefined;
}

/** `/a/0/b`, `a.0.b`, `.a[0].b` or `$.a` → ['a', '0', 'b']. */
export function pathSegments(path: string): string[] {
  return path
    .replace(/^\$/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[./]/)
    .filter((part) => part.length > 0);
}

/** The human label of the field at `path` (its schema `title`s joined), or the path itself. */
export function fieldLabelForPath(schema: Record<string, unknown>, path: string): string {
  const segments = pathSegments(path);
  if (segments.length === 0) return 'The form';
  const labels: string[] = [];
  let node: Record<string, unknown> | undefined = schema;
  for (const segment of segments) {
    if (!node) break;
    if (/^\d+$/.test(segment) && node.items && typeof node.items === 'object') {
      labels.push(`item ${Number(segment) + 1}`);
      node = node.items as Record<string, unknown>;
      continue;
    }
    const properties = node.properties as Record<string, Record<string, unknown>> | undefined;
    const child: Record<string, unknown> | undefined =
      properties?.[segment] ?? findInConditionals(node, segment);
    labels.push(typeof child?.title === 'string' ? child.title : segment);
    node = child;
  }
  return labels.join(' › ');
}

function findInConditionals(
  node: Record<string, unknown>,
  name: string,
): Record<string, unknown> | undefined {
  const branches: unknown[] = [];
  for (const key of ['allOf', 'anyOf', 'oneOf'])
    if (Array.isArray(node[key])) branches.push(...(node[key] as unknown[]));
  for (const key of ['then', 'else']) if (node[key]) branches.push(node[key]);
  for (const branch of branches) {
    if (!branch || typeof branch !== 'object') continue;
    const b = branch as Record<string, unknown>;
    const direct = (b.properties as Record<string, Record<string, unknown>> | undefined)?.[name];
    if (direct && Object.keys(direct).length > 0) return direct;
    const nested = findInConditionals(b, name);
    if (nested) return nested;
  }
  return undefined;
}

/** The DOM id RJSF gives the field at `path` (`root_a_b`), to focus it from the error summary. */
export function rjsfIdForPath(path: string, idPrefix = 'root'): string {
  return [idPrefix, ...pathSegments(path)].join('_');
}
