/**
 * A guest with a live session, made directly in the database: for tests that call an action or
 * route as that learner by putting `token` in their stood-in cookie jar under SESSION_COOKIE.
 */
import { hashSessionToken, newSessionToken } from "@/lib/accounts/session-token";
import type { prisma as appPrisma } from "@/lib/db/client.server";

export async function createGuestSession(prisma: typeof appPrisma): Promise<{ id: string; token: string }> {
  const token = newSessionToken();
  const user = await prisma.user.create({
    data: { sessions: { create: { token: hashSessionToken(token), expiresAt: new Date(Date.now() + 86_400_000) } } },
  });
  return { id: user.id, token };
}
