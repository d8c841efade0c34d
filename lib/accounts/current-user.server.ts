/**
 * The current learner: a signed-in account (better-auth session) or a guest (our own
 * gradlab_session cookie). A first visit browses anonymously; the first thing worth saving (an
 * attempt, a review, settings) creates a guest and its cookie, so there is no sign-up wall and
 * nothing a guest does is lost. Signing up turns the guest into the account (auth.server.ts).
 */
import "server-only";
import { cookies, headers } from "next/headers";
import { createGuest, findSessionUser, type SessionUser } from "@/lib/db/users.server";
import { isHttps, readCookie } from "@/lib/http/request";
import { authFor } from "./auth.server";
import {
  hashSessionToken,
  isWellFormedToken,
  newSessionToken,
  SESSION_COOKIE,
  SESSION_MAX_AGE_S,
} from "./session-token";

export type CurrentUser = SessionUser;

/**
 * The user behind a request's cookies: a signed-in account first, else a guest. Route handlers
 * pass their request's headers; tests do too.
 */
export async function currentUserFromHeaders(requestHeaders: Headers): Promise<CurrentUser | null> {
  const signedIn = await accountFromHeaders(requestHeaders);
  if (signedIn) return signedIn;
  const token = readCookie(requestHeaders.get("cookie"), SESSION_COOKIE);
  return isWellFormedToken(token) ? findSessionUser(hashSessionToken(token)) : null;
}

/** The signed-in account of a request (better-auth session), or null. */
async function accountFromHeaders(requestHeaders: Headers): Promise<CurrentUser | null> {
  if (!/better-auth\.session_token=/.test(requestHeaders.get("cookie") ?? "")) return null;
  const session = await authFor(requestHeaders).api.getSession({ headers: requestHeaders });
  if (!session) return null;
  return { id: session.user.id, isAnonymous: false, name: session.user.name };
}

/** The signed-in or guest user of this request, or null; never creates anything. */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  return currentUserFromHeaders(await headers());
}

/** The current user, creating a guest and its session cookie when there is none. Actions and route handlers only. */
export async function getOrCreateUser(): Promise<CurrentUser> {
  const existing = await getCurrentUser();
  if (existing) return existing;
  const token = newSessionToken();
  const headerList = await headers();
  const user = await createGuest({
    tokenHash: hashSessionToken(token),
    expiresAt: new Date(Date.now() + SESSION_MAX_AGE_S * 1000),
    userAgent: headerList.get("user-agent")?.slice(0, 500) ?? null,
  });
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: isHttps(headerList),
    path: "/",
    maxAge: SESSION_MAX_AGE_S,
  });
  return user;
}
