/** Reading what a request says about itself: its cookies, whether it came over https, where it came from. */

/** A cookie's value from a Cookie header, decoded; undefined when absent. */
export function readCookie(cookieHeader: string | null | undefined, name: string): string | undefined {
  for (const part of (cookieHeader ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** Whether the request reached us over https (directly, or through a proxy that says so). */
export function isHttps(headers: Headers, url?: string): boolean {
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  if (forwarded) return forwarded === "https";
  return url ? url.startsWith("https:") : false;
}

/** The path and query of a referer URL: only ever a path on this site, never an open redirect. */
export function sameOriginPath(referer: string | null): string {
  if (!referer) return "/";
  try {
    const url = new URL(referer);
    return `${url.pathname}${url.search}`;
  } catch {
    return "/";
  }
}

/** Cookie options for a remembered preference (language, theme): a year, every path, sent on top-level navigation. */
export const PREFERENCE_COOKIE = { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" } as const;

/**
 * Whether a state-changing request came from one of our own pages: its Origin (browsers send one
 * with every POST) names the host it was sent to. No Origin means no browser page sent it — a
 * script or curl, which cannot carry a victim's cookies across sites — and is let through.
 */
export function isSameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (origin === null) return true;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  try {
    return host !== null && new URL(origin).host === host;
  } catch {
    return false;
  }
}
