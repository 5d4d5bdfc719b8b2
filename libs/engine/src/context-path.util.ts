import { shiftIsoDate } from './date-shift.util';

/** Scope a template or path is resolved against. */
export interface TemplateScope {
  context: unknown;
  event?: unknown;
}

/** Reads a dotted path (`a.b.0.c`) from a value; undefined when any step is missing. */
export function getPath(value: unknown, path: string): unknown {
  if (path === '') return value;
  let current: unknown = value;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** Returns a copy of `target` with `value` written at a dotted path, creating objects on the way. */
export function setPath(
  target: Record<string, unknown>,
  path: string,
  value: unknown,
): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) return { ...target, [head]: value };
  const child = target[head];
  const childObject = child !== null && typeof child === 'object' ? (child as Record<string, unknown>) : {};
  return { ...target, [head]: setPath(childObject, rest.join('.'), value) };
}

/** Reads `context.x.y` / `event.x` style paths; a bare path is read from the context. */
export function readScoped(scope: TemplateScope, path: string): unknown {
  if (path === 'context' || path.startsWith('context.'))
    return getPath(scope.context, path.slice('context.'.length));
  if (path === 'event' || path.startsWith('event.')) return getPath(scope.event, path.slice('event.'.length));
  return getPath(scope.context, path);
}

/** Strips an optional leading `context.` so authors may write either form for a context path. */
export function contextRelative(path: string): string {
  return path.startsWith('context.') ? path.slice('context.'.length) : path;
}

// `{{path}}`, or `{{path + P12M}}` / `{{path - P90D}}`: a calendar date moved by a duration (spaces required
// around the sign, since a path may hold a hyphen).
const WHOLE_TEMPLATE = /^\{\{\s*([\w.$-]+)(?:\s+([+-])\s+(P[0-9YMWD]+))?\s*\}\}$/;
const INLINE_TEMPLATE = /\{\{\s*([\w.$-]+)(?:\s+([+-])\s+(P[0-9YMWD]+))?\s*\}\}/g;

function readTemplate(scope: TemplateScope, path: string, sign?: string, duration?: string): unknown {
  const value = readScoped(scope, path);
  if (!sign || !duration) return value;
  return shiftIsoDate(value, sign === '-' ? -1 : 1, duration);
}

/**
 * Resolves `{{context.x}}` / `{{event.y}}` templates in strings, deeply in arrays and objects; a
 * template may move a calendar date by a whole-day duration (`{{context.d + P12M}}`, see `shiftIsoDate`).
 * A string that is exactly one template yields the raw value (so objects and numbers survive).
 */
export function resolveTemplates(value: unknown, scope: TemplateScope): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE_TEMPLATE.exec(value);
    if (whole) return readTemplate(scope, whole[1], whole[2], whole[3]);
    return value.replace(INLINE_TEMPLATE, (_, path: string, sign?: string, duration?: string) => {
      const resolved = readTemplate(scope, path, sign, duration);
      return resolved === undefined || resolved === null ? '' : String(resolved);
    });
  }
  if (Array.isArray(value)) return value.map((item) => resolveTemplates(item, scope));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveTemplates(v, scope)]));
  }
  return value;
}
