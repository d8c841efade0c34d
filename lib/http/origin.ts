/**
 * Cross-site request refusal for route handlers that change something, as Next.js does for server
 * actions: a browser says where a request comes from (Origin, and Sec-Fetch-Site in every current
 * browser), so a form or script on another site — or a sibling subdomain — cannot post with the
 * learner's cookies. A request without either header does not come from a browser page, so it
 * carries no victim's cookies and is let through (curl, the tests, a script of one's own).
 */
import { jsonError } from "./json";

/**
 * The host this request was addressed to (what the browser's address bar showed): a trusted
 * proxy's X-Forwarded-Host (server.ts drops anyone else's), the Host header, else the URL's.
 */
function ownHost(headers: Headers, url?: string): string | null {
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  if (host) return host;
  try {
    return url ? new URL(url).host : null;
  } catch {
    return null;
  }
}

/** Whether the request comes from a page of this site (or from no browser page at all). */
export function isSameOriginRequest(headers: Headers, url?: string): boolean {
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") return false;
  const origin = headers.get("origin");
  if (origin === null) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false; // "null" (a sandboxed frame, a file: page) or garbage
  }
  return host !== "" && host === ownHost(headers, url);
}

/** A 403 for a cross-site request, or null when it may go on. */
export function refuseCrossSite(request: Request): Response | null {
  return isSameOriginRequest(request.headers, request.url)
    ? null
    : jsonError(403, "This request came from another site; GradLab only accepts changes made on its own pages.");
}
