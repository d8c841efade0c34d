/**
 * The pages' Content-Security-Policy (set per request by proxy.ts, with a fresh nonce); the
 * headers every response carries are in next.config.js. Why each directive: ADR 26.
 *
 * Scripts: only those carrying this response's nonce (Next.js puts it on its own scripts when it
 * renders the page) and what they load ('strict-dynamic'); no 'unsafe-eval' and no inline script
 * without the nonce outside development. Styles: 'unsafe-inline' stays, because KaTeX's
 * server-rendered math and the charts position glyphs and bars with style attributes, which a
 * nonce cannot cover; a style cannot run code. Workers: the lab's engine workers are bundled
 * chunks under /_next/static, so `worker-src 'self'` (a worker script cannot carry a nonce, and
 * the fallback to script-src would allow any URL a trusted script names, via 'strict-dynamic').
 */

/** A nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function pageContentSecurityPolicy(opts: { nonce: string; dev: boolean; https: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    // the lab's engine workers (ADR 29): same-origin chunks only, instead of script-src's fallback
    "worker-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // development: the hot-reload socket
    `connect-src 'self'${opts.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}
