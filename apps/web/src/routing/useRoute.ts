import { useSyncExternalStore } from 'react';
import { getLocation, subscribe, type Location } from './router';

/** The current URL location; re-renders the caller when it changes. */
export function useLocation(): Location {
  return useSyncExternalStore(subscribe, getLocation, getLocation);
}

/** Whether `path` is the current page (or, with `prefix`, a parent of it) — for nav highlighting. */
export function useIsActive(path: string, prefix = false): boolean {
  const { pathname } = useLocation();
  return prefix
    ? pathname === path || pathname.startsWith(path.endsWith('/') ? path : `${path}/`)
    : pathname === path;
}
