/** What public/prefetch-outline.js started before the app loaded. */
interface Prefetched {
  path: string;
  response: Promise<Response>;
}

declare global {
  interface Window {
    __sightlinePrefetch?: Prefetched | undefined;
  }
}

/**
 * The response of a GET the page started early for this exact path, once: later calls (refetches,
 * other paths, requests with a body) go to the network.
 */
export function takePrefetched(path: string, init: RequestInit): Promise<Response> | undefined {
  if (typeof window === 'undefined') return undefined;
  const prefetched = window.__sightlinePrefetch;
  if (prefetched === undefined || prefetched.path !== path) return undefined;
  if (init.method !== undefined && init.method !== 'GET') return undefined;
  window.__sightlinePrefetch = undefined;
  return prefetched.response;
}
