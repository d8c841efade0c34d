/**
 * The current learner: a signed-in account (better-auth session) or a guest (our own
 * gradlab_session cookie). A first visit browses anonymously; the first thing worth saving (an
 * attempt, a review, settings) creates a guest and its cookie, so there is no sign-up wall and
 * nothing a guest does is lost. Signing up turns the guest into the account (auth.server.ts).
 */
import "server-only";
import { cookies, headers } from "next/headers";
import { takeSharedLimit } from "@/lib/db/limits.server";
import {
  collectGuests,
  createGuest,
  extendGuestSession,
  findSessionUser,
  GUEST_CREATION_LIMIT,
  type SessionUser,
} from "@/lib/db/users.server";
import { clientKey, isHttps, readCookie } from "@/lib/http/request";
import { detectedTimeZone, TIME_ZONE_COOKIE } from "@/lib/i18n/time-zones";
import { authFor } from "./auth.server";
import {
  GUEST_SESSION_MAX_AGE_S,
  hashSessionToken,
  isWellFormedToken,
  newSessionToken,
  SESSION_COOKIE,
} from "./session-token";

export type CurrentUser = SessionUser;
/** No guest was made: this client made too many lately (GUEST_CREATION_LIMIT). */
export type GuestRefused = { refused: "tooManyGuests"; retryAfterS: number };

/** Guests are collected at most this often per app server, on the way to creating one. */
const COLLECT_EVERY_MS = 10 * 60 * 1000;
const globalForGuests = globalThis as unknown as { __gradlabGuestsCollectedAt?: number };

function collectGuestsNowAndThen(): void {
  const now = Date.now();
  if (now - (globalForGuests.__gradlabGuestsCollectedAt ?? 0) < COLLECT_EVERY_MS) return;
  globalForGuests.__gradlabGuestsCollectedAt = now;
  // in the background: the visitor does not wait for it, and a failure only delays the next one
  collectGuests(now).catch((error) => console.error("collecting guests failed", error));
}

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

function setGuestCookie(
  jar: Awaited<ReturnType<typeof cookies>>,
  token: string,
  secure: boolean,
  expiresAt: Date,
): void {
  jar.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: "lax", secure, path: "/", expires: expiresAt });
}

/**
 * The current user, creating a guest and its session cookie when there is none — at most
 * GUEST_CREATION_LIMIT per client, else GuestRefused. A guest's session is pushed out again
 * (rolling, GUEST_SESSION_MAX_AGE_S). Actions and route handlers only.
 */
export async function getOrCreateUser(): Promise<CurrentUser | GuestRefused> {
  const headerList = await headers();
  const existing = await currentUserFromHeaders(headerList);
  const jar = await cookies();
  if (existing) {
    const token = readCookie(headerList.get("cookie"), SESSION_COOKIE);
    if (existing.isAnonymous && isWellFormedToken(token)) {
      const extended = await extendGuestSession(hashSessionToken(token), GUEST_SESSION_MAX_AGE_S * 1000);
      if (extended) setGuestCookie(jar, token, isHttps(headerList), extended);
    }
    return existing;
  }
  const allowed = await takeSharedLimit(`guest:${clientKey(headerList)}`, GUEST_CREATION_LIMIT);
  if (!allowed.ok) return { refused: "tooManyGuests", retryAfterS: allowed.retryAfterS };
  collectGuestsNowAndThen();
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + GUEST_SESSION_MAX_AGE_S * 1000);
  const user = await createGuest({
    tokenHash: hashSessionToken(token),
    expiresAt,
    userAgent: headerList.get("user-agent")?.slice(0, 500) ?? null,
    timeZone: detectedTimeZone(jar.get(TIME_ZONE_COOKIE)?.value),
  });
  setGuestCookie(jar, token, isHttps(headerList), expiresAt);
  return user;
}

export function isGuestRefused(user: CurrentUser | GuestRefused): user is GuestRefused {
  return "refused" in user;
}
