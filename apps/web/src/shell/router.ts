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

export function useRoute(): Route {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
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
