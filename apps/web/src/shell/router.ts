import { useEffect, useState } from 'react';

// Hash routes (#/scenarios/12?tab=x): the server needs no knowledge of client pages, and a
// reload lands on the same page.

export interface Route {
  /** Path segments, decoded: #/scenarios/12 → ['scenarios', '12']. */
  parts: string[];
  query: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const text = hash.replace(/^#\/?/, '');
  const [path, search = ''] = text.split('?', 2);
  const parts = path
    .split('/')
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  return { parts, query: new URLSearchParams(search) };
}

/** A hash for a path and query (empty query values left out). */
export function href(path: string, query: Record<string, string | number | undefined | null> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const search = params.toString();
  return `#${path}${search ? `?${search}` : ''}`;
}

export function navigate(path: string, query?: Record<string, string | number | undefined | null>): void {
  window.location.hash = href(path, query);
}

/**
 * Asked before the app's own navigation (a link, the sidebar, the back arrow, navigate())
 * leaves the current route; false keeps the page. One at a time: the page with unsaved work.
 */
export type LeaveGuard = (nextHash: string) => boolean;
let leaveGuard: LeaveGuard | null = null;
// The hash the app last showed: where a refused navigation returns to.
let shownHash = typeof window === 'undefined' ? '' : window.location.hash;
const listeners = new Set<(hash: string) => void>();

/** Installs the guard; the returned function removes it (when the work is saved or the page goes). */
export function setLeaveGuard(guard: LeaveGuard): () => void {
  leaveGuard = guard;
  return () => {
    if (leaveGuard === guard) leaveGuard = null;
  };
}

// A single listener decides for every useRoute: the guard is asked once per navigation, and a
// refused one puts the old address back without a new history entry (so no page re-renders).
function onHashChange(): void {
  const next = window.location.hash;
  if (next === shownHash) return;
  if (leaveGuard && !leaveGuard(next)) {
    window.history.replaceState(window.history.state, '', shownHash || '#/');
    return;
  }
  shownHash = next;
  for (const listener of listeners) listener(next);
}

export function useRoute(): Route {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    if (!listeners.size) {
      shownHash = window.location.hash;
      window.addEventListener('hashchange', onHashChange);
    }
    listeners.add(setHash);
    setHash(window.location.hash);
    return () => {
      listeners.delete(setHash);
      if (!listeners.size) window.removeEventListener('hashchange', onHashChange);
    };
  }, []);
  return parseRoute(hash);
}

/**
 * The server links to pages by path (the OAuth callback sends the browser to
 * /connections?authorized=5); the app routes by hash, so such a path becomes the hash route.
 */
export function adoptPathRoute(
  location: Pick<Location, 'pathname' | 'search' | 'hash'>,
  replace: (url: string) => void,
): void {
  if (location.pathname === '/' || location.pathname === '' || location.hash) return;
  replace(`/#${location.pathname}${location.search}`);
}
