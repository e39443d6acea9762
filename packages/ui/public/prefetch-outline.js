// Starts a trace page's outline request while the app's scripts load and start (a few hundred ms on
// a slow machine), instead of after React mounts. The app takes the response over (api/prefetch.ts);
// a plain script file, not inline, so the strict Content-Security-Policy still applies.
(() => {
  const match = /^\/traces\/([^/?#]+)\/?$/.exec(window.location.pathname);
  if (!match) return;
  const traceId = decodeURIComponent(match[1]);
  const headers = {};
  try {
    const key = window.sessionStorage.getItem('sightline.apiKey');
    if (key) headers.authorization = `Bearer ${key}`;
  } catch {
    // storage unavailable: the request goes without a key, as the app's would
  }
  window.__sightlinePrefetch = {
    path: `/api/traces/${encodeURIComponent(traceId)}/outline`,
    response: fetch(`/api/traces/${encodeURIComponent(traceId)}/outline`, { headers }),
  };
})();
