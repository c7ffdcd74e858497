import { useSyncExternalStore } from 'react';

// Hash routing (`#/verify?email=...`): works from any static host without server rewrites.
export type RoutePath = '/signup' | '/verify' | '/login' | '/profile' | '/';

export interface Route {
  path: RoutePath;
  params: URLSearchParams;
}

const KNOWN_PATHS: readonly RoutePath[] = ['/signup', '/verify', '/login', '/profile'];

function parseHash(hash: string): Route {
  const [rawPath = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  const path = KNOWN_PATHS.find((known) => known === rawPath) ?? '/';
  return { path, params: new URLSearchParams(query) };
}

let cachedHash: string | null = null;
let cachedRoute: Route = parseHash('');

function getRoute(): Route {
  const hash = window.location.hash;
  if (hash !== cachedHash) {
    cachedHash = hash;
    cachedRoute = parseHash(hash);
  }
  return cachedRoute;
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => {
    window.removeEventListener('hashchange', listener);
  };
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, getRoute);
}

export function navigate(path: RoutePath, params: Record<string, string> = {}): void {
  const query = new URLSearchParams(params).toString();
  window.location.hash = query ? `${path}?${query}` : path;
}
