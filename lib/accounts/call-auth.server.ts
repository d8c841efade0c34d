/**
 * Server actions reach better-auth through its HTTP handler (not auth.api) so that its rate
 * limiter, origin check and hooks apply exactly as for a browser request; the Set-Cookie
 * headers it answers with are copied onto the action's response.
 */
import "server-only";
import { parseSetCookieHeader } from "better-auth/cookies";
import { cookies, headers } from "next/headers";
import { isHttps } from "@/lib/http/request";
import { authFor } from "./auth.server";

const FORWARDED = ["cookie", "user-agent", "x-forwarded-for", "x-real-ip", "x-forwarded-proto", "accept-language"];

export async function callAuth(
  path: string,
  body: Record<string, unknown> | null,
): Promise<{ status: number; data: Record<string, unknown> | null; retryAfterS: number | null }> {
  const incoming = await headers();
  const proto = isHttps(incoming) ? "https" : "http";
  const host = incoming.get("x-forwarded-host") ?? incoming.get("host") ?? "localhost";
  const origin = `${proto}://${host}`;
  const outgoing = new Headers({ "content-type": "application/json", origin });
  for (const name of FORWARDED) {
    const value = incoming.get(name);
    if (value) outgoing.set(name, value);
  }
  const request = new Request(`${origin}/api/auth${path}`, {
    method: "POST",
    headers: outgoing,
    body: JSON.stringify(body ?? {}),
  });
  const response = await authFor(outgoing, request.url).handler(request);
  const jar = await cookies();
  for (const header of response.headers.getSetCookie()) {
    for (const [name, attrs] of parseSetCookieHeader(header)) {
      jar.set(name, attrs.value, {
        path: attrs.path ?? "/",
        httpOnly: attrs.httponly ?? true,
        secure: attrs.secure ?? false,
        sameSite: (attrs.samesite?.toLowerCase() as "lax" | "strict" | "none" | undefined) ?? "lax",
        ...(attrs["max-age"] !== undefined ? { maxAge: attrs["max-age"] } : {}),
        ...(attrs.expires ? { expires: attrs.expires } : {}),
      });
    }
  }
  let data: Record<string, unknown> | null = null;
  try {
    data = (await response.json()) as Record<string, unknown>;
  } catch {
    data = null;
  }
  // Retry-After from our own limits, X-Retry-After from better-auth's (seconds, both)
  const retryAfter = Number(response.headers.get("retry-after") ?? response.headers.get("x-retry-after") ?? Number.NaN);
  return { status: response.status, data, retryAfterS: Number.isFinite(retryAfter) ? retryAfter : null };
}
