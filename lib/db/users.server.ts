/**
 * Users and their sessions: the user behind a session token, guests, the guest → account move,
 * and the learner's settings. Tokens arrive here already hashed (lib/accounts/session-token.ts).
 */
import "server-only";
import { env } from "@/lib/env";
import { parametersOf } from "@/lib/flashcards/fsrs-fit";
import { DEFAULT_STUDY_SETTINGS, type StudySettings } from "@/lib/flashcards/study-settings";
import type { Locale } from "@/lib/i18n/locales";
import { isTimeZone } from "@/lib/i18n/time-zones";
import { prisma } from "./client.server";
import { writeTransaction } from "./transaction";

/** The study settings and the FSRS parameters the scheduler uses (null: FSRS's defaults; ADR 0028). */
export type LearnerSettings = StudySettings & { parameters: number[] | null };

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

/** The account a sign-in names, by its stored (lower-case) email or username; null when there is none. */
export async function findAccountId(by: { email: string } | { username: string }): Promise<string | null> {
  const user = await prisma.user.findUnique({
    where: "email" in by ? { email: by.email } : { username: by.username },
    select: { id: true, isAnonymous: true },
  });
  return user && !user.isAnonymous ? user.id : null;
}

/** Guests one client (address, IPv6 /64) may create per window, on all app servers together. */
export const GUEST_CREATION_LIMIT = { max: env.GUEST_CREATIONS_PER_HOUR, windowMs: 60 * 60 * 1000 };
/** A guest with nothing saved is collected this long after it was created. */
const EMPTY_GUEST_GRACE_MS = 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The guest's session lives `maxAgeMs` from now again (a rolling lifetime); written at most once
 * a day per session. Answers the new expiry when it moved, for the cookie.
 */
export async function extendGuestSession(tokenHash: string, maxAgeMs: number, now = Date.now()): Promise<Date | null> {
  const expiresAt = new Date(now + maxAgeMs);
  const { count } = await prisma.session.updateMany({
    where: {
      token: tokenHash,
      user: { isAnonymous: true },
      expiresAt: { lt: new Date(now + maxAgeMs - DAY_MS), gt: new Date(now) },
    },
    data: { expiresAt },
  });
  return count > 0 ? expiresAt : null;
}

/**
 * Deletes guests nobody can come back to: every session expired (or none left), or created more
 * than a day ago with nothing saved (the cookie was dropped, or it was a bot). Their rows go with
 * them (cascades). Answers how many were deleted.
 */
export async function collectGuests(now = Date.now()): Promise<number> {
  const { count } = await prisma.user.deleteMany({
    where: {
      isAnonymous: true,
      OR: [
        { sessions: { none: { expiresAt: { gt: new Date(now) } } } },
        {
          createdAt: { lt: new Date(now - EMPTY_GUEST_GRACE_MS) },
          attempts: { none: {} },
          cards: { none: {} },
          quizSessions: { none: {} },
        },
      ],
      // never an account, and never a guest created this very minute (its session row is written with it)
      createdAt: { lt: new Date(now - 60_000) },
    },
  });
  return count;
}

/** A new guest with its first session, in the browser's time zone when it told us one. */
export async function createGuest(session: {
  tokenHash: string;
  expiresAt: Date;
  userAgent: string | null;
  timeZone?: string | null;
}): Promise<SessionUser> {
  return prisma.user.create({
    data: {
      isAnonymous: true,
      ...(session.timeZone ? { timeZone: session.timeZone } : {}),
      sessions: {
        create: { token: session.tokenHash, expiresAt: session.expiresAt, userAgent: session.userAgent },
      },
    },
    select: sessionUserSelect,
  });
}

/**
 * Guest → account, when a guest signs up or signs in (ADR 11): everything the guest saved moves
 * into the account in one transaction, then the guest row (and its sessions) is deleted. Attempts
 * and quiz sessions simply change owner. A question both have a card for keeps the card reviewed
 * last (the account's on a tie) with its own review log — a card's log is replayed and undone as
 * one chain, so two chains are never mixed; the other card goes with its log. The guest's
 * settings come along only into an account with no progress of its own (a new one). A non-guest
 * is left alone.
 */
export async function moveGuestProgress(guestId: string, accountId: string): Promise<void> {
  if (guestId === accountId) return;
  // The guest's own writes (a review still in flight) wait for the move, and then find no guest; a
  // card the account gets meanwhile (another browser) collides on (user, question) and the move
  // runs again, seeing it.
  await writeTransaction(
    prisma,
    async (tx) => {
      const guest = await tx.user.findUnique({
        where: { id: guestId },
        select: { isAnonymous: true, locale: true, timeZone: true, newCardsPerDay: true, desiredRetention: true },
      });
      if (!guest?.isAnonymous) return;
      const [accountCards, guestCards, accountHasProgress] = await Promise.all([
        tx.card.findMany({ where: { userId: accountId }, select: { id: true, questionId: true, lastReview: true } }),
        tx.card.findMany({ where: { userId: guestId }, select: { id: true, questionId: true, lastReview: true } }),
        tx.attempt.findFirst({ where: { userId: accountId }, select: { id: true } }),
      ]);
      const reviewedAt = (c: { lastReview: Date | null }) => c.lastReview?.getTime() ?? Number.NEGATIVE_INFINITY;
      const accountCardOf = new Map(accountCards.map((c) => [c.questionId, c]));
      const losers: string[] = [];
      for (const g of guestCards) {
        const a = accountCardOf.get(g.questionId);
        if (a) losers.push(reviewedAt(g) > reviewedAt(a) ? a.id : g.id);
      }
      if (losers.length > 0) await tx.card.deleteMany({ where: { id: { in: losers } } }); // review logs cascade
      const moved = { where: { userId: guestId }, data: { userId: accountId } };
      await tx.quizSession.updateMany(moved);
      await tx.attempt.updateMany(moved);
      await tx.card.updateMany(moved);
      await tx.reviewLog.updateMany(moved);
      // a drill both answered keeps the account's answer (one row per learner, family and seed)
      const accountDrills = await tx.drillAttempt.findMany({
        where: { userId: accountId },
        select: { family: true, seed: true },
      });
      if (accountDrills.length > 0)
        await tx.drillAttempt.deleteMany({
          where: { userId: guestId, OR: accountDrills.map((d) => ({ family: d.family, seed: d.seed })) },
        });
      await tx.drillAttempt.updateMany(moved);
      const fresh = accountCards.length === 0 && accountHasProgress === null;
      await tx.user.update({
        where: { id: accountId },
        data: {
          isAnonymous: false,
          ...(fresh
            ? {
                locale: guest.locale,
                timeZone: guest.timeZone,
                newCardsPerDay: guest.newCardsPerDay,
                desiredRetention: guest.desiredRetention,
              }
            : {}),
        },
      });
      await tx.user.delete({ where: { id: guestId } });
    },
    { serializeOn: guestId, retryUniqueViolations: true },
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
export async function getStudySettings(userId: string | null): Promise<LearnerSettings> {
  if (!userId) return { ...DEFAULT_STUDY_SETTINGS, parameters: null };
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { desiredRetention: true, newCardsPerDay: true, timeZone: true, fsrsFit: true },
  });
  if (!user) return { ...DEFAULT_STUDY_SETTINGS, parameters: null };
  const { fsrsFit, ...settings } = user;
  // a stored zone this runtime does not know counts as UTC instead of failing every page
  const timeZone = isTimeZone(settings.timeZone) ? settings.timeZone : "UTC";
  return { ...settings, timeZone, parameters: parametersOf(fsrsFit) };
}

/** A new account's time zone (from the browser) when no guest brought one along. */
export async function saveUserTimeZone(userId: string, timeZone: string): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { timeZone } });
}

/** The settings form's values (lib/accounts/settings.ts). */
export async function saveUserSettings(userId: string, settings: StudySettings & { locale: Locale }): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: settings });
}
