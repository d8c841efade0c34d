/**
 * Signing out while the database is away (ADR 32): better-auth cannot delete the session row then,
 * and answers with an error instead of clearing its cookies. The learner asked to be signed out
 * of this browser, and that needs no database: its session cookies are deleted here. The row stays
 * until it expires (SESSION_MAX_AGE_S), usable only with the token this browser has just
 * forgotten; the page they land on says so (SIGNED_OUT_NOTICES).
 */
import "server-only";
import { cookies, headers } from "next/headers";
import { authFor } from "./auth.server";

/** Why the sign-in page greets someone who has just signed out: the server could not be told. */
export const SIGNED_OUT_NOTICES = ["offline", "offlineEverywhere"] as const;
export type SignedOutNotice = (typeof SIGNED_OUT_NOTICES)[number];

export function isSignedOutNotice(value: unknown): value is SignedOutNotice {
  return (SIGNED_OUT_NOTICES as readonly unknown[]).includes(value);
}

/** Deletes better-auth's session cookies (token, cached session data, "don't remember") on this browser. */
export async function forgetSessionOnThisBrowser(): Promise<void> {
  const { authCookies } = await authFor(await headers()).$context;
  const jar = await cookies();
  for (const { name, attributes } of [
    authCookies.sessionToken,
    authCookies.sessionData,
    authCookies.dontRememberToken,
  ]) {
    const { path, domain, secure, httpOnly, sameSite } = attributes;
    jar.set(name, "", {
      path,
      domain,
      secure,
      httpOnly,
      sameSite: sameSite?.toLowerCase() as "strict" | "lax" | "none" | undefined,
      maxAge: 0,
    });
  }
}
