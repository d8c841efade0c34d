/** Reading what a request says about itself: its cookies, whether it came over https, where it came from. */

/**
 * A cookie's value from a Cookie header, decoded; undefined when absent — and when it cannot be
 * decoded (`%E0%A4%A`): a cookie planted by a sibling subdomain must not break every page.
 */
export function readCookie(cookieHeader: string | null | undefined, name: string): string | undefined {
  for (const part of (cookieHeader ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Whether the request reached us over https (directly, or through a proxy that says so). */
export function isHttps(headers: Headers, url?: string): boolean {
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  if (forwarded) return forwarded === "https";
  return url ? url.startsWith("https:") : false;
}

/**
 * A path on this site to send someone to, or `fallback`: one slash, then path characters only — so
 * never `//evil.example` (another host to a browser), `/\evil.example`, a scheme or a control character.
 */
export function safeLocalPath(value: unknown, fallback = "/"): string {
  return typeof value === "string" && value.length <= 2000 && /^\/(?![/\\])[\w\-/?=&%.~+:,@]*$/.test(value)
    ? value
    : fallback;
}

/** The path and query of a referer URL, through safeLocalPath: only ever a path on this site, never an open redirect. */
export function sameOriginPath(referer: string | null): string {
  if (!referer) return "/";
  try {
    const url = new URL(referer);
    return safeLocalPath(`${url.pathname}${url.search}`);
  } catch {
    return "/";
  }
}

/**
 * The client's address as the server established it (server.ts replaces X-Forwarded-For with the
 * one address it trusts; lib/http/forwarded.ts), as a key for per-client limits: an IPv6 client
 * by its /64, the block one subscriber gets, so rotating addresses within it gains nothing.
 */
export function clientKey(headers: Headers): string {
  const address = headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
  if (!address.includes(":")) return address;
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 4).join(":")}::/64` : address;
}

function expandIpv6(address: string): string[] | null {
  const [head = "", tail, ...more] = address.split("%")[0]?.split("::") ?? [];
  if (more.length > 0) return null;
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 0) return null;
  return [...left, ...Array(missing).fill("0"), ...right].map((g) => g.toLowerCase().replace(/^0+(?=.)/, ""));
}

/** Cookie options for a remembered preference (language, theme): a year, every path, sent on top-level navigation. */
export const PREFERENCE_COOKIE = { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" } as const;
