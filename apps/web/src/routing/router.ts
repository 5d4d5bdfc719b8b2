/**
 * A tiny client-side router on the History API: one global location store that React reads
 * with useSyncExternalStore, plus pure path matching. Enough for a handful of flat routes.
 */

export interface Location {
  pathname: string;
  search: string;
}

const NAVIGATE_EVENT = 'aimsflow:navigate';

type Listener = () => void;

let cached: Location | undefined;

/** Current location; the same object is returned until the URL changes (useSyncExternalStore needs that). */
export function getLocation(): Location {
  const { pathname, search } = window.location;
  if (!cached || cached.pathname !== pathname || cached.search !== search) {
    cached = { pathname, search };
  }
  return cached;
}

/** Subscribe to URL changes made by navigate() and by the browser's back/forward buttons. */
export function subscribe(listener: Listener): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATE_EVENT, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATE_EVENT, listener);
  };
}

type LeaveGuard = () => boolean;
const leaveGuards = new Set<LeaveGuard>();

/** A page with unsaved work asks before in-app navigation: `guard` answers false to stay. Returns the remover. */
export function guardLeaving(guard: LeaveGuard): () => void {
  leaveGuards.add(guard);
  return () => void leaveGuards.delete(guard);
}

/** Go to an in-app URL; `replace` rewrites the current history entry instead of adding one. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const current = window.location.pathname + window.location.search + window.location.hash;
  if (to === current) return;
  for (const guard of leaveGuards) if (!guard()) return;
  if (options.replace) {
    window.history.replaceState(null, '', to);
  } else {
    window.history.pushState(null, '', to);
  }
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

export type RouteParams = Record<string, string>;

/**
 * Matches `pattern` (e.g. `/admin/users/:id`) against `pathname`; returns the decoded params or
 * null. A trailing slash is ignored; a pattern ending in `/*` also matches everything below it.
 */
export function matchPath(pattern: string, pathname: string): RouteParams | null {
  const wildcard = pattern.endsWith('/*');
  const patternParts = split(wildcard ? pattern.slice(0, -2) : pattern);
  const pathParts = split(pathname);
  if (wildcard ? pathParts.length < patternParts.length : pathParts.length !== patternParts.length) {
    return null;
  }
  const params: RouteParams = {};
  for (let i = 0; i < patternParts.length; i++) {
    const expected = patternParts[i];
    const actual = pathParts[i];
    if (expected.startsWith(':')) {
      try {
        params[expected.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (expected !== actual) {
      return null;
    }
  }
  return params;
}

/** The first of `routes` whose pattern matches, with its params; null when none does. */
export function resolveRoute<T extends { path: string }>(
  routes: readonly T[],
  pathname: string,
): { route: T; params: RouteParams } | null {
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return null;
}

function split(path: string): string[] {
  return path.split('/').filter((part) => part.length > 0);
}
