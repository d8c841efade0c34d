/**
 * The current learner. A first visit browses anonymously; the first thing worth saving
 * (an attempt, a review) creates a guest profile and its session cookie, so there is no
 * sign-up wall and nothing a guest does is lost.
 */
import "server-only";
import { cookies, headers } from "next/headers";
import { prisma } from "../db/client.server";
import {
  hashSessionToken,
  isWellFormedToken,
  newSessionToken,
  SESSION_COOKIE,
  SESSION_MAX_AGE_S,
} from "./session-token";

export type CurrentUser = { id: string; isAnonymous: boolean; name: string };

/** The signed-in or guest user of this request, or null; never creates anything. */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
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
