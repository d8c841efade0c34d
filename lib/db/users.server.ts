/**
 * Users and their sessions: the user behind a session token, guests, the guest → account move,
 * and the learner's settings. Tokens arrive here already hashed (lib/accounts/session-token.ts).
 */
import "server-only";
import { DEFAULT_STUDY_SETTINGS, type StudySettings } from "@/lib/flashcards/study-settings";
import type { Locale } from "@/lib/i18n/locales";
import { prisma } from "./client.server";
import { writeTransaction } from "./transaction";

/** A user as a request sees it: an account, or a guest (isAnonymous). */
export type SessionUser = { id: string; isAnonymous: boolean; name: string };

const sessionUserSelect = { id: true, isAnonymous: true, name: true } as const;

/** The user of a live session, by the hash of its token; null when there is none or it has expired. */
export async function findSessionUser(tokenHash: string): Promise<SessionUser | null> {
  const session = await prisma.session.findUnique({
    where: { token: tokenHash },
    select: { expiresAt: true, user: { select: sessionUserSelect } },
  });
  if (!session || session.expiresAt.getTime() <= Date.now()) return null;
  return session.user;
}

/** A new guest with its first session. */
export async function createGuest(session: {
  tokenHash: string;
  expiresAt: Date;
  userAgent: string | null;
}): Promise<SessionUser> {
  return prisma.user.create({
    data: {
      isAnonymous: true,
      sessions: {
        create: { token: session.tokenHash, expiresAt: session.expiresAt, userAgent: session.userAgent },
      },
    },
    select: sessionUserSelect,
  });
}

/**
 * Guest → account: everything a guest saved moves to the new account in one transaction, then
 * the guest row (and its sessions) is deleted. The new account has no progress of its own yet
 * (it was created by this very sign-up), so nothing can collide. A non-guest is left alone.
 */
export async function moveGuestProgress(guestId: string, accountId: string): Promise<void> {
  if (guestId === accountId) return;
  // The guest's own writes (a review still in flight) wait for the move, and then find no guest.
  await writeTransaction(
    prisma,
    async (tx) => {
      const guest = await tx.user.findUnique({
        where: { id: guestId },
        select: { isAnonymous: true, locale: true, timeZone: true, newCardsPerDay: true, desiredRetention: true },
      });
      if (!guest?.isAnonymous) return;
      const moved = { where: { userId: guestId }, data: { userId: accountId } };
      await tx.quizSession.updateMany(moved);
      await tx.attempt.updateMany(moved);
      await tx.card.updateMany(moved);
      await tx.reviewLog.updateMany(moved);
      await tx.drillAttempt.updateMany(moved);
      await tx.user.update({
        where: { id: accountId },
        data: {
          isAnonymous: false,
          locale: guest.locale,
          timeZone: guest.timeZone,
          newCardsPerDay: guest.newCardsPerDay,
          desiredRetention: guest.desiredRetention,
        },
      });
      await tx.user.delete({ where: { id: guestId } });
    },
    { serializeOn: guestId },
  );
}

/** The language a learner chose last (User.locale), or null for an unknown user. */
export async function getUserLocale(userId: string): Promise<string | null> {
  const row = await prisma.user.findUnique({ where: { id: userId }, select: { locale: true } });
  return row?.locale ?? null;
}

export async function saveUserLocale(userId: string, locale: Locale): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { locale } });
}

/** A learner's study settings; the defaults for a visitor without a profile (null). */
export async function getStudySettings(userId: string | null): Promise<StudySettings> {
  if (!userId) return DEFAULT_STUDY_SETTINGS;
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { desiredRetention: true, newCardsPerDay: true, timeZone: true },
  });
  return user ?? DEFAULT_STUDY_SETTINGS;
}

/** The settings form's values (lib/accounts/settings.ts). */
export async function saveUserSettings(userId: string, settings: StudySettings & { locale: Locale }): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: settings });
}
