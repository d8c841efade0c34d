/**
 * Export, import and wipe of one user's progress. Every query is scoped by the user id it is
 * given (the caller's own, from the session): there is no way to name another user here.
 */
import "server-only";
import { createHash } from "node:crypto";
import { PROGRESS_FORMAT, PROGRESS_VERSION, type ProgressExport, referencedSlugs } from "@/lib/progress/export-format";
import { prisma } from "./client.server";
import type { Prisma } from "./prisma";
import { writeTransaction } from "./transaction";

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
const byKey =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

export async function exportProgress(userId: string, now: Date = new Date()): Promise<ProgressExport> {
  const [user, quizzes, attempts, cards] = await Promise.all([
    prisma.user.findUniqueOrThrow({
      where: { id: userId },
      select: { locale: true, timeZone: true, newCardsPerDay: true, desiredRetention: true },
    }),
    prisma.quizSession.findMany({ where: { userId } }),
    prisma.attempt.findMany({ where: { userId }, include: { question: { select: { slug: true } } } }),
    prisma.card.findMany({
      where: { userId },
      include: { question: { select: { slug: true } }, reviewLogs: true },
    }),
  ]);
  return {
    format: PROGRESS_FORMAT,
    version: PROGRESS_VERSION,
    exportedAt: iso(now),
    settings: {
      locale: user.locale === "zh" ? "zh" : "en",
      timeZone: user.timeZone,
      newCardsPerDay: user.newCardsPerDay,
      desiredRetention: user.desiredRetention,
    },
    quizSessions: quizzes
      .map((q) => ({
        id: q.id,
        settings: q.settings,
        questions: q.questionIds,
        startedAt: iso(q.startedAt),
        finishedAt: isoOrNull(q.finishedAt),
        score: q.score,
      }))
      .sort(byKey((q) => `${q.startedAt}|${q.id}`)),
    attempts: attempts
      .map((a) => ({
        id: a.id,
        question: a.question.slug,
        quizSession: a.quizSessionId,
        kind: a.kind as ProgressExport["attempts"][number]["kind"],
        response: a.response ?? null,
        expected: a.expected ?? null,
        correct: a.correct,
        score: a.score,
        createdAt: iso(a.createdAt),
      }))
      .sort(byKey((a) => `${a.createdAt}|${a.id}`)),
    cards: cards
      .map((c) => ({
        question: c.question.slug,
        due: iso(c.due),
        stability: c.stability,
        difficulty: c.difficulty,
        elapsedDays: c.elapsedDays,
        scheduledDays: c.scheduledDays,
        learningSteps: c.learningSteps,
        reps: c.reps,
        lapses: c.lapses,
        state: c.state,
        lastReview: isoOrNull(c.lastReview),
        createdAt: iso(c.createdAt),
        reviews: c.reviewLogs
          .map((r) => ({
            requestId: r.requestId,
            rating: r.rating,
            state: r.state,
            due: iso(r.due),
            stability: r.stability,
            difficulty: r.difficulty,
            elapsedDays: r.elapsedDays,
            lastElapsedDays: r.lastElapsedDays,
            scheduledDays: r.scheduledDays,
            learningSteps: r.learningSteps,
            review: iso(r.review),
            previousCard: r.previousCard,
          }))
          .sort(byKey((r) => `${r.review}|${r.requestId}`)),
      }))
      .sort(byKey((c) => c.question)),
  };
}

export type ImportResult = { ok: true; created: Created } | { ok: false; status: number; error: string };

/**
 * A stored key for an exported one: the same key when it is free or already this user's, else a
 * deterministic key derived from (user, key) — so importing someone else's file never touches
 * their rows, and importing it twice still finds its own earlier copy.
 */
function derivedKey(userId: string, key: string): string {
  return `i${createHash("sha256").update(`${userId}:${key}`).digest("base64url").slice(0, 24)}`;
}

type Tx = Prisma.TransactionClient;

async function ownKey(
  userId: string,
  key: string,
  ownerOf: (k: string) => Promise<string | null | undefined>,
): Promise<{ key: string; exists: boolean }> {
  let candidate = key;
  for (let i = 0; i < 3; i++) {
    const owner = await ownerOf(candidate);
    if (owner === null || owner === undefined) return { key: candidate, exists: false };
    if (owner === userId) return { key: candidate, exists: true };
    candidate = derivedKey(userId, candidate);
  }
  throw new Error("could not find a free key");
}

const json = (v: unknown) => (v === null ? undefined : (v as Prisma.InputJsonValue));

type Created = { quizSessions: number; attempts: number; cards: number; reviews: number };

/** Quiz sessions; answers the stored key of each exported id (attempts refer to them). */
async function importQuizSessions(
  tx: Tx,
  userId: string,
  sessions: ProgressExport["quizSessions"],
  created: Created,
): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  for (const q of sessions) {
    const { key, exists } = await ownKey(
      userId,
      q.id,
      async (k) => (await tx.quizSession.findUnique({ where: { id: k }, select: { userId: true } }))?.userId,
    );
    keys.set(q.id, key);
    if (exists) continue;
    await tx.quizSession.create({
      data: {
        id: key,
        userId,
        settings: q.settings as Prisma.InputJsonValue,
        questionIds: q.questions as Prisma.InputJsonValue,
        startedAt: new Date(q.startedAt),
        finishedAt: q.finishedAt ? new Date(q.finishedAt) : null,
        score: q.score,
      },
    });
    created.quizSessions++;
  }
  return keys;
}

async function importAttempts(
  tx: Tx,
  userId: string,
  attempts: ProgressExport["attempts"],
  ids: { question: (slug: string) => string; quizSession: Map<string, string> },
  created: Created,
): Promise<void> {
  for (const a of attempts) {
    const { key, exists } = await ownKey(
      userId,
      a.id,
      async (k) => (await tx.attempt.findUnique({ where: { id: k }, select: { userId: true } }))?.userId,
    );
    if (exists) continue;
    const quizSessionId = a.quizSession === null ? null : (ids.quizSession.get(a.quizSession) ?? null);
    // One answer per question in a quiz (a UNIQUE index): the first one in the file counts.
    const questionId = ids.question(a.question);
    if (
      quizSessionId !== null &&
      (await tx.attempt.findFirst({ where: { quizSessionId, questionId }, select: { id: true } }))
    ) {
      continue;
    }
    await tx.attempt.create({
      data: {
        id: key,
        userId,
        questionId,
        quizSessionId,
        kind: a.kind,
        response: json(a.response),
        expected: json(a.expected),
        correct: a.correct,
        score: a.score,
        createdAt: new Date(a.createdAt),
      },
    });
    created.attempts++;
  }
}

/** Cards: the file's scheduling state wins over the user's card for the same question. */
async function importCards(
  tx: Tx,
  userId: string,
  cards: ProgressExport["cards"],
  questionId: (slug: string) => string,
  created: Created,
): Promise<void> {
  for (const c of cards) {
    const qid = questionId(c.question);
    const data = {
      due: new Date(c.due),
      stability: c.stability,
      difficulty: c.difficulty,
      elapsedDays: c.elapsedDays,
      scheduledDays: c.scheduledDays,
      learningSteps: c.learningSteps,
      reps: c.reps,
      lapses: c.lapses,
      state: c.state,
      lastReview: c.lastReview ? new Date(c.lastReview) : null,
    };
    const existing = await tx.card.findUnique({
      where: { userId_questionId: { userId, questionId: qid } },
      select: { id: true },
    });
    const card = existing
      ? await tx.card.update({ where: { id: existing.id }, data, select: { id: true } })
      : await tx.card.create({
          data: { ...data, userId, questionId: qid, createdAt: new Date(c.createdAt) },
          select: { id: true },
        });
    if (!existing) created.cards++;
    await importReviews(tx, userId, card.id, c.reviews, created);
  }
}

/** One card's review log, deduplicated by requestId. */
async function importReviews(
  tx: Tx,
  userId: string,
  cardId: string,
  reviews: ProgressExport["cards"][number]["reviews"],
  created: Created,
): Promise<void> {
  for (const r of reviews) {
    const { key, exists } = await ownKey(
      userId,
      r.requestId,
      async (k) => (await tx.reviewLog.findUnique({ where: { requestId: k }, select: { userId: true } }))?.userId,
    );
    if (exists) continue;
    await tx.reviewLog.create({
      data: {
        cardId,
        userId,
        requestId: key,
        rating: r.rating,
        state: r.state,
        due: new Date(r.due),
        stability: r.stability,
        difficulty: r.difficulty,
        elapsedDays: r.elapsedDays,
        lastElapsedDays: r.lastElapsedDays,
        scheduledDays: r.scheduledDays,
        learningSteps: r.learningSteps,
        review: new Date(r.review),
        previousCard: r.previousCard as Prisma.InputJsonValue,
      },
    });
    created.reviews++;
  }
}

/** Imports a validated file into one user's progress: all or nothing, idempotent. */
export async function importProgress(userId: string, file: ProgressExport): Promise<ImportResult> {
  const slugs = referencedSlugs(file);
  const questions = await prisma.question.findMany({
    where: { slug: { in: slugs } },
    select: { id: true, slug: true },
  });
  const idBySlug = new Map(questions.map((q) => [q.slug, q.id]));
  const unknown = slugs.filter((s) => !idBySlug.has(s));
  if (unknown.length > 0) {
    return { ok: false, status: 422, error: `Unknown question slugs: ${unknown.join(", ")}` };
  }
  const questionId = (slug: string) => idBySlug.get(slug) as string;
  const created: Created = { quizSessions: 0, attempts: 0, cards: 0, reviews: 0 };
  await writeTransaction(
    prisma,
    async (tx: Tx) => {
      // Counted afresh on every try: a retried transaction starts from nothing.
      Object.assign(created, { quizSessions: 0, attempts: 0, cards: 0, reviews: 0 });
      await tx.user.update({ where: { id: userId }, data: file.settings });
      const quizSession = await importQuizSessions(tx, userId, file.quizSessions, created);
      await importAttempts(tx, userId, file.attempts, { question: questionId, quizSession }, created);
      await importCards(tx, userId, file.cards, questionId, created);
    },
    { timeout: 120_000, serializeOn: userId },
  );
  return { ok: true, created };
}

/** Deletes all of one user's progress (attempts, drill attempts, cards, reviews, quiz sessions); keeps the account. */
export async function wipeProgress(userId: string): Promise<void> {
  await prisma.$transaction([
    prisma.reviewLog.deleteMany({ where: { userId } }),
    prisma.attempt.deleteMany({ where: { userId } }),
    prisma.drillAttempt.deleteMany({ where: { userId } }),
    prisma.card.deleteMany({ where: { userId } }),
    prisma.quizSession.deleteMany({ where: { userId } }),
  ]);
}
