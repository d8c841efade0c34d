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
        // as stored; the import checks them with their readers' schemas
        settings: q.settings as ProgressExport["quizSessions"][number]["settings"],
        questions: q.questionIds as string[],
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
            previousCard: r.previousCard as ProgressExport["cards"][number]["reviews"][number]["previousCard"],
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
type Created = { quizSessions: number; attempts: number; cards: number; reviews: number };

/**
 * Rows per query: a bulk statement binds a handful of values per row, and both databases cap
 * the values of one statement (SQLite 32,766, PostgreSQL 65,535).
 */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * The stored key of each exported key, in bulk: the same key when it is free or already this
 * user's, else a deterministic key derived from (user, key) — so importing someone else's file
 * never touches their rows, and importing it twice still finds its own earlier copy. `exists`
 * holds the keys this user already has (nothing to write for them).
 */
async function ownKeys(
  userId: string,
  keys: readonly string[],
  ownersOf: (keys: string[]) => Promise<{ key: string; userId: string }[]>,
): Promise<{ keyOf: Map<string, string>; exists: Set<string> }> {
  const keyOf = new Map<string, string>();
  const exists = new Set<string>();
  let pending = new Map([...new Set(keys)].map((k) => [k, k])); // exported key → candidate
  for (let round = 0; round < 3 && pending.size > 0; round++) {
    const owner = new Map<string, string>();
    for (const part of chunks([...pending.values()])) {
      for (const row of await ownersOf(part)) owner.set(row.key, row.userId);
    }
    const next = new Map<string, string>();
    for (const [exported, candidate] of pending) {
      const who = owner.get(candidate);
      if (who === undefined) keyOf.set(exported, candidate);
      else if (who === userId) {
        keyOf.set(exported, candidate);
        exists.add(candidate);
      } else next.set(exported, derivedKey(userId, candidate));
    }
    pending = next;
  }
  if (pending.size > 0) throw new Error("could not find a free key");
  return { keyOf, exists };
}

const json = (v: unknown) => (v === null ? undefined : (v as Prisma.InputJsonValue));

/** Quiz sessions; answers the stored key of each exported id (attempts refer to them). */
async function importQuizSessions(
  tx: Tx,
  userId: string,
  sessions: ProgressExport["quizSessions"],
  created: Created,
): Promise<Map<string, string>> {
  const { keyOf, exists } = await ownKeys(
    userId,
    sessions.map((q) => q.id),
    async (ids) =>
      (await tx.quizSession.findMany({ where: { id: { in: ids } }, select: { id: true, userId: true } })).map((r) => ({
        key: r.id,
        userId: r.userId,
      })),
  );
  const written = new Set(exists);
  const rows = sessions.flatMap((q) => {
    const key = keyOf.get(q.id) as string;
    if (written.has(key)) return []; // this user's already, or earlier in the file
    written.add(key);
    return [
      {
        id: key,
        userId,
        settings: q.settings as Prisma.InputJsonValue,
        questionIds: q.questions as Prisma.InputJsonValue,
        startedAt: new Date(q.startedAt),
        finishedAt: q.finishedAt ? new Date(q.finishedAt) : null,
        score: q.score,
      },
    ];
  });
  for (const part of chunks(rows)) created.quizSessions += (await tx.quizSession.createMany({ data: part })).count;
  return keyOf;
}

async function importAttempts(
  tx: Tx,
  userId: string,
  attempts: ProgressExport["attempts"],
  ids: { question: (slug: string) => string; quizSession: Map<string, string> },
  created: Created,
): Promise<void> {
  const { keyOf, exists } = await ownKeys(
    userId,
    attempts.map((a) => a.id),
    async (keys) =>
      (await tx.attempt.findMany({ where: { id: { in: keys } }, select: { id: true, userId: true } })).map((r) => ({
        key: r.id,
        userId: r.userId,
      })),
  );
  // One answer per question in a quiz (a UNIQUE index): an answer already stored, or the first in the file, counts.
  const quizIds = [...new Set(ids.quizSession.values())];
  const answered = new Set<string>();
  for (const part of chunks(quizIds)) {
    const rows = await tx.attempt.findMany({
      where: { quizSessionId: { in: part } },
      select: { quizSessionId: true, questionId: true },
    });
    for (const r of rows) answered.add(`${r.quizSessionId}|${r.questionId}`);
  }
  const written = new Set(exists);
  const rows = attempts.flatMap((a) => {
    const key = keyOf.get(a.id) as string;
    if (written.has(key)) return [];
    const quizSessionId = a.quizSession === null ? null : (ids.quizSession.get(a.quizSession) ?? null);
    const questionId = ids.question(a.question);
    if (quizSessionId !== null) {
      if (answered.has(`${quizSessionId}|${questionId}`)) return [];
      answered.add(`${quizSessionId}|${questionId}`);
    }
    written.add(key);
    return [
      {
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
    ];
  });
  for (const part of chunks(rows)) created.attempts += (await tx.attempt.createMany({ data: part })).count;
}

/**
 * Cards: the file's scheduling state wins over the user's card for the same question (the last
 * in the file, when it names a question twice). One card per question, so at most as many
 * single-row writes as the bank has questions; the reviews go in bulk.
 */
async function importCards(
  tx: Tx,
  userId: string,
  cards: ProgressExport["cards"],
  questionId: (slug: string) => string,
  created: Created,
): Promise<void> {
  const existing = new Map(
    (await tx.card.findMany({ where: { userId }, select: { id: true, questionId: true } })).map((c) => [
      c.questionId,
      c.id,
    ]),
  );
  const lastOf = new Map(cards.map((c) => [questionId(c.question), c]));
  const cardIdOf = new Map<string, string>();
  for (const [qid, c] of lastOf) {
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
    const id = existing.get(qid);
    if (id) await tx.card.update({ where: { id }, data, select: { id: true } });
    const card = id
      ? { id }
      : await tx.card.create({
          data: { ...data, userId, questionId: qid, createdAt: new Date(c.createdAt) },
          select: { id: true },
        });
    if (!id) created.cards++;
    cardIdOf.set(qid, card.id);
  }
  const reviews = cards.flatMap((c) =>
    c.reviews.map((r) => ({ cardId: cardIdOf.get(questionId(c.question)) as string, r })),
  );
  await importReviews(tx, userId, reviews, created);
}

/** The cards' review logs, deduplicated by requestId (the first in the file counts). */
async function importReviews(
  tx: Tx,
  userId: string,
  reviews: { cardId: string; r: ProgressExport["cards"][number]["reviews"][number] }[],
  created: Created,
): Promise<void> {
  const { keyOf, exists } = await ownKeys(
    userId,
    reviews.map(({ r }) => r.requestId),
    async (keys) =>
      (
        await tx.reviewLog.findMany({ where: { requestId: { in: keys } }, select: { requestId: true, userId: true } })
      ).map((row) => ({ key: row.requestId, userId: row.userId })),
  );
  const written = new Set(exists);
  const rows = reviews.flatMap(({ cardId, r }) => {
    const key = keyOf.get(r.requestId) as string;
    if (written.has(key)) return [];
    written.add(key);
    return [
      {
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
    ];
  });
  for (const part of chunks(rows)) created.reviews += (await tx.reviewLog.createMany({ data: part })).count;
}

/**
 * Imports a validated file into one user's progress: all or nothing, idempotent. Bulk reads and
 * writes (a few statements per 500 rows), so the largest file allowed holds the database's one
 * writer for a fraction of a second instead of one query per row.
 */
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
    // a concurrent import of the same file by this user inserts the same keys: run again, and find them
    { timeout: 30_000, serializeOn: userId, retryUniqueViolations: true },
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
