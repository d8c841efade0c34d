/**
 * Flashcards: the FSRS due queue and reviews, one Card per user and question.
 *
 * - submitReview is atomic (one transaction: create the card if new, apply FSRS, write the log)
 *   and idempotent by the client-generated requestId (ReviewLog.requestId is UNIQUE): a retry or
 *   a double click with the same requestId finds the stored log and answers the same result.
 * - undoLastReview pops the user's newest review: the card is restored exactly from the log's
 *   previousCard (or deleted when that review created it) and the log is deleted.
 * - "Today" for the daily new-card limit starts at local midnight in User.timeZone; a new card
 *   counts as introduced by its first review log (state New) since then, so an undo gives it back.
 * - queueForReview puts chosen questions in front of the queue now (a quiz's mistakes): a card
 *   not yet studied gets a New card due now, outside the daily limit; a scheduled card is made due
 *   now, its memory state (stability, difficulty) kept, as Anki's "Set due date" to today.
 */
import "server-only";
import { z } from "zod";
import { type CardFields, newCard, review, type SchedulerSettings } from "@/lib/flashcards/fsrs";
import { parametersOf } from "@/lib/flashcards/fsrs-fit";
import type { CardState, Rating } from "@/lib/flashcards/ratings";
import { StoredCardSchema } from "@/lib/flashcards/stored-card";
import type { Locale } from "@/lib/i18n/locales";
import { startOfLocalDay } from "@/lib/i18n/time-zones";
import { prisma } from "./client.server";
import { type Card as CardRow, jsonNulls, type Prisma, type PrismaClient } from "./prisma";
import { writeTransaction } from "./transaction";
import { getStudySettings, type LearnerSettings } from "./users.server";

export type QueueKind = "new" | "learning" | "review";
export type QueueEntry = { questionId: string; slug: string; kind: QueueKind; card: CardFields };
export type StudyQueue = {
  /** due cards (due <= now, oldest due first), then new cards in bank order */
  entries: QueueEntry[];
  /** cards in learning or review that are due */
  dueCount: number;
  /** new cards for today: within the daily limit, plus those added on purpose (queueForReview) */
  newCount: number;
  /** new cards already introduced today (local day) */
  newToday: number;
  /** the earliest due time after now, when nothing else is due */
  nextDue: Date | null;
  settings: LearnerSettings;
};

export type ReviewOutcome = {
  requestId: string;
  questionSlug: string;
  rating: Rating;
  reviewedAt: Date;
  card: CardFields;
  /** true when this answer is a stored earlier submission with the same requestId */
  replayed: boolean;
};

export type SubmitReviewResult =
  | { ok: true; review: ReviewOutcome }
  | { ok: false; error: "unknown_question" | "request_conflict" };

export type UndoResult =
  | { ok: true; undone: { requestId: string; questionSlug: string; rating: Rating; card: CardFields | null } | null }
  | { ok: false; error: "nothing_to_undo" | "not_last" | "unreadable" };

function kindOf(state: CardState): QueueKind {
  return state === 0 ? "new" : state === 2 ? "review" : "learning";
}

export function cardFields(row: CardRow): CardFields {
  return {
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsedDays: row.elapsedDays,
    scheduledDays: row.scheduledDays,
    learningSteps: row.learningSteps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state as CardState,
    lastReview: row.lastReview,
  };
}

/** The User columns the scheduler reads: the retention it aims for and the learner's own parameters. */
const schedulerColumns = { desiredRetention: true, fsrsFit: true } as const;

function schedulerSettings(user: { desiredRetention: number; fsrsFit: unknown }): SchedulerSettings {
  return { desiredRetention: user.desiredRetention, parameters: parametersOf(user.fsrsFit) };
}

function storeCard(c: CardFields): Prisma.InputJsonValue {
  return { ...c, due: c.due.toISOString(), lastReview: c.lastReview?.toISOString() ?? null };
}

/**
 * previousCard JSON (lib/flashcards/stored-card.ts) back into card fields: null when the review
 * created the card, "unreadable" when the row holds something the app never writes — a reader
 * then degrades (a replay recomputes from a new card, an undo refuses) instead of failing.
 */
function loadCard(json: unknown): CardFields | null | "unreadable" {
  if (json === null || json === undefined) return null;
  const parsed = StoredCardSchema.safeParse(json);
  if (!parsed.success) return "unreadable";
  const c = parsed.data;
  return { ...c, due: new Date(c.due), lastReview: c.lastReview ? new Date(c.lastReview) : null };
}

/** The learner's queue at `now`; a visitor without a profile (null) sees the first new cards. */
export async function getStudyQueue(userId: string | null, now: Date, { limit = 200 } = {}): Promise<StudyQueue> {
  const settings = await getStudySettings(userId);
  const uid = userId ?? "";
  const dayStart = startOfLocalDay(now, settings.timeZone);
  const [dueRows, dueCount, added, newToday, unseen, next] = await Promise.all([
    prisma.card.findMany({
      where: { userId: uid, due: { lte: now }, question: { published: true } },
      orderBy: [{ due: "asc" }, { id: "asc" }],
      take: limit,
      include: { question: { select: { slug: true } } },
    }),
    prisma.card.count({ where: { userId: uid, due: { lte: now }, state: { not: 0 }, question: { published: true } } }),
    prisma.card.count({ where: { userId: uid, due: { lte: now }, state: 0, question: { published: true } } }),
    prisma.reviewLog.count({ where: { userId: uid, state: 0, review: { gte: dayStart } } }),
    prisma.question.count({ where: { published: true, cards: { none: { userId: uid } } } }),
    prisma.card.findFirst({
      where: { userId: uid, due: { gt: now }, question: { published: true } },
      orderBy: { due: "asc" },
      select: { due: true },
    }),
  ]);
  const remaining = Math.max(0, settings.newCardsPerDay - newToday);
  const fresh = Math.min(remaining, unseen);
  const newCount = fresh + added;
  const newRows =
    fresh > 0
      ? await prisma.question.findMany({
          where: { published: true, cards: { none: { userId: uid } } },
          orderBy: [{ position: "asc" }, { slug: "asc" }],
          take: Math.min(fresh, Math.max(0, limit - dueRows.length)),
          select: { id: true, slug: true },
        })
      : [];
  const entries: QueueEntry[] = [
    ...dueRows.map((r) => ({
      questionId: r.questionId,
      slug: r.question.slug,
      kind: kindOf(r.state as CardState),
      card: cardFields(r),
    })),
    ...newRows.map((q) => ({ questionId: q.id, slug: q.slug, kind: "new" as const, card: newCard(now) })),
  ];
  return { entries, dueCount, newCount, newToday, nextDue: next?.due ?? null, settings };
}

export type CardContent = { title: string; prompt: string; shortAnswer: string; answer: string; keyPoints: string[] };

/** Front and back text of the given questions in `lang`, by question id. */
export async function getCardContent(questionIds: string[], lang: Locale): Promise<Map<string, CardContent>> {
  const rows = await prisma.questionTranslation.findMany({
    where: { questionId: { in: questionIds }, lang },
    select: { questionId: true, title: true, prompt: true, shortAnswer: true, answer: true, keyPoints: true },
  });
  const list = z.array(z.string());
  return new Map(
    rows.map((r) => [
      r.questionId,
      {
        title: r.title,
        prompt: r.prompt,
        shortAnswer: r.shortAnswer,
        answer: r.answer,
        keyPoints: list.parse(r.keyPoints),
      },
    ]),
  );
}

type Tx = Prisma.TransactionClient;

async function replay(
  tx: Tx,
  input: { userId: string; questionSlug: string; rating: Rating; requestId: string },
): Promise<SubmitReviewResult | null> {
  const log = await tx.reviewLog.findUnique({
    where: { requestId: input.requestId },
    include: { card: { include: { question: { select: { slug: true } } } } },
  });
  if (!log) return null;
  // The same requestId must mean the same submission: same learner, card and rating.
  if (log.userId !== input.userId || log.card.question.slug !== input.questionSlug || log.rating !== input.rating) {
    return { ok: false, error: "request_conflict" };
  }
  const latest = await tx.reviewLog.findFirst({
    where: { cardId: log.cardId },
    orderBy: [{ review: "desc" }, { createdAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  const rating = log.rating as Rating;
  // The card as this review left it: the row itself while it is the card's newest review, else
  // recomputed from the stored previous card (scheduling is deterministic: no fuzz).
  let card = cardFields(log.card);
  if (latest?.id !== log.id) {
    const settings = schedulerSettings(
      await tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: schedulerColumns }),
    );
    const before = loadCard(log.previousCard);
    card = review(
      before === null || before === "unreadable" ? newCard(log.review) : before,
      rating,
      log.review,
      settings,
    ).card;
  }
  return {
    ok: true,
    review: {
      requestId: log.requestId,
      questionSlug: input.questionSlug,
      rating,
      reviewedAt: log.review,
      card,
      replayed: true,
    },
  };
}

export type SubmitReviewInput = {
  userId: string;
  questionSlug: string;
  rating: Rating;
  requestId: string;
  now?: Date;
};

/**
 * Rates one card at `now`. Atomic; idempotent by requestId (same id → stored once, same answer).
 * Concurrency (lib/db/transaction.ts): one learner's reviews and undos run one after another,
 * on every app server (a per-learner lock), so each builds on the card the previous one left;
 * ReviewLog.requestId and Card(userId, questionId) are UNIQUE, the last guard, and a collision
 * with them is retried (the retry reads what the other stored). `db` is the app's client; tests pass others to act as more servers.
 */
export async function submitReview(input: SubmitReviewInput, db: PrismaClient = prisma): Promise<SubmitReviewResult> {
  return writeTransaction(
    db,
    async (tx): Promise<SubmitReviewResult> => {
      // Read on every try: a retry that builds on a later card state is a later review.
      const now = input.now ?? new Date();
      const earlier = await replay(tx, input);
      if (earlier) return earlier;
      const question = await tx.question.findFirst({
        where: { slug: input.questionSlug, published: true },
        select: { id: true },
      });
      if (!question) return { ok: false, error: "unknown_question" } as const;
      const settings = schedulerSettings(
        await tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: schedulerColumns }),
      );
      const row = await tx.card.findUnique({
        where: { userId_questionId: { userId: input.userId, questionId: question.id } },
      });
      const before = row ? cardFields(row) : null;
      const out = review(before ?? newCard(now), input.rating, now, settings);
      const saved = row
        ? await tx.card.update({ where: { id: row.id }, data: out.card })
        : await tx.card.create({ data: { ...out.card, userId: input.userId, questionId: question.id } });
      await tx.reviewLog.create({
        data: {
          ...out.log,
          cardId: saved.id,
          userId: input.userId,
          requestId: input.requestId,
          previousCard: before ? storeCard(before) : jsonNulls(db).JsonNull,
        },
      });
      return {
        ok: true,
        review: {
          requestId: input.requestId,
          questionSlug: input.questionSlug,
          rating: input.rating,
          reviewedAt: now,
          card: cardFields(saved),
          replayed: false,
        },
      } as const;
    },
    { retryUniqueViolations: true, serializeOn: input.userId },
  );
}

/**
 * Undoes the user's newest review. With `requestId`, only if that review is still the newest
 * (a repeated undo of the same review is a no-op answering `undone: null`), so a retried or
 * double-pressed undo never pops two reviews.
 */
export async function undoLastReview(userId: string, { requestId }: { requestId?: string } = {}): Promise<UndoResult> {
  return writeTransaction(
    prisma,
    async (tx): Promise<UndoResult> => {
      const last = await tx.reviewLog.findFirst({
        where: { userId },
        orderBy: [{ review: "desc" }, { createdAt: "desc" }, { id: "desc" }],
        include: { card: { include: { question: { select: { slug: true } } } } },
      });
      if (requestId !== undefined && last?.requestId !== requestId) {
        const stillThere = await tx.reviewLog.findFirst({ where: { requestId, userId }, select: { id: true } });
        return stillThere ? { ok: false, error: "not_last" } : { ok: true, undone: null };
      }
      if (!last) return { ok: false, error: "nothing_to_undo" };
      const previous = loadCard(last.previousCard);
      if (previous === "unreadable") return { ok: false, error: "unreadable" };
      if (previous) {
        await tx.reviewLog.delete({ where: { id: last.id } });
        await tx.card.update({ where: { id: last.cardId }, data: previous });
      } else {
        await tx.card.delete({ where: { id: last.cardId } }); // cascades to its only log
      }
      return {
        ok: true,
        undone: {
          requestId: last.requestId,
          questionSlug: last.card.question.slug,
          rating: last.rating as Rating,
          card: previous,
        },
      };
    },
    { serializeOn: userId },
  );
}

/**
 * Puts the questions in the learner's review queue now (see the header). Returns how many were
 * added as new cards and how many scheduled cards were made due; questions due already count in
 * neither. One transaction.
 */
export async function queueForReview(
  userId: string,
  questionIds: string[],
  now: Date = new Date(),
): Promise<{ added: number; madeDue: number }> {
  return prisma.$transaction(async (tx) => {
    const existing = await tx.card.findMany({
      where: { userId, questionId: { in: questionIds } },
      select: { id: true, questionId: true, due: true },
    });
    const have = new Set(existing.map((c) => c.questionId));
    const missing = [...new Set(questionIds)].filter((id) => !have.has(id));
    if (missing.length > 0)
      await tx.card.createMany({ data: missing.map((questionId) => ({ ...newCard(now), userId, questionId })) });
    const later = existing.filter((c) => c.due.getTime() > now.getTime()).map((c) => c.id);
    if (later.length > 0) await tx.card.updateMany({ where: { id: { in: later } }, data: { due: now } });
    return { added: missing.length, madeDue: later.length };
  });
}
