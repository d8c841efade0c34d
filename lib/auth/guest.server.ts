/**
 * The current learner. A first visit browses anonymously; the first thing worth saving
 * (an attempt, a review) creates a guest profile and its session cookie, so there is no
 * sign-up wall and nothing a guest does is lost.
 */
import "server-only";
import { cookies, headers } from "next/headers";
import { prisma } from "../db/client.server";
import { authFor } from "./auth.server";
import {
  hashSessionToken,
  isWellFormedToken,
  newSessionToken,
  SESSION_COOKIE,
  SESSION_MAX_AGE_S,
} from "./session-token";

export type CurrentUser = { id: string; isAnonymous: boolean; name: string };

/**
 * The user behind a request's cookies: a signed-in account (better-auth session) first, else a
 * guest (gradlab_session). Route handlers pass their request's headers; tests do too.
 */
export async function currentUserFromHeaders(requestHeaders: Headers): Promise<CurrentUser | null> {
  const signedIn = await accountFromHeaders(requestHeaders);
  if (signedIn) return signedIn;
  return guestFromToken(readCookie(requestHeaders.get("cookie"), SESSION_COOKIE));
}

/** The signed-in account of a request (better-auth session), or null. */
export async function accountFromHeaders(requestHeaders: Headers): Promise<CurrentUser | null> {
  if (!/better-auth\.session_token=/.test(requestHeaders.get("cookie") ?? "")) return null;
  const session = await authFor(requestHeaders).api.getSession({ headers: requestHeaders });
  if (!session) return null;
  return { id: session.user.id, isAnonymous: false, name: session.user.name };
}

function readCookie(cookieHeader: string | null, name: string): string | undefined {
  for (const part of (cookieHeader ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** The signed-in or guest user of this request, or null; never creates anything. */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  return currentUserFromHeaders(await headers());
}

async function guestFromToken(token: string | undefined): Promise<CurrentUser | null> {
  if (!isWellFormedToken(token)) return null;
  const session = await prisma.session.findUnique({
    where: { token: hashSessionToken(token) },
    select: { expiresAt: true, user: { select: { id: true, isAnonymous: true, name: true } } },
  });
  if (!session || session.expiresAt.getTime() <= Date.now()) return null;
  return session.user;
}

/** The current user, creating a guest and its session cookie when there is none. Actions and route handlers only. */
export async function getOrCreateUser(): Promise<CurrentUser> {
  const existing = await getCurrentUser();
  if (existing) return existing;
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + SESSION_MAX_AGE_S * 1000);
  const headerList = await headers();
  const user = await prisma.user.create({
    data: {
      isAnonymous: true,
      sessions: {
        create: {
          token: hashSessionToken(token),
          expiresAt,
          userAgent: headerList.get("user-agent")?.slice(0, 500) ?? null,
        },
      },
    },
    select: { id: true, isAnonymous: true, name: true },
  });
  const secure = (headerList.get("x-forwarded-proto") ?? "").split(",")[0]?.trim() === "https";
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: SESSION_MAX_AGE_S,
  });
  return user;
}
