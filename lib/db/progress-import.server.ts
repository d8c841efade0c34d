/**
 * A validated progress export into one user's progress: all or nothing, idempotent, in bulk
 * (ADR 31). Three steps:
 *
 * 1. resolve — read which of the file's keys are taken, and by whom (a handful of statements);
 * 2. plan — decide every row and encode it into bulk documents (lib/db/bulk.ts): pure, and the
 *    costly part, so it runs before the transaction;
 * 3. write — in one transaction: resolve again; when the database still answers what the plan
 *    was made from (nearly always), write the planned documents, else plan afresh from what it
 *    answers now. Either way every row is decided from reads made inside the transaction, and
 *    the write lock is held for the reads and the inserts only.
 */
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { type ProgressExport, referencedSlugs } from "@/lib/progress/export-format";
import { type BulkTable, bulkDb, type PreparedInsert, prepareInsert, runInsert, selectWhereIn } from "./bulk";
import { prisma } from "./client.server";
import { inDirectLaneScope } from "./direct-lane";
import { clientProvider, jsonNulls, type TransactionClient } from "./prisma";
import { writeTransaction } from "./transaction";

export type Created = { quizSessions: number; attempts: number; cards: number; reviews: number; drillAttempts: number };
export type ImportResult = { ok: true; created: Created } | { ok: false; status: number; error: string };

const provider = () => clientProvider(prisma);

/**
 * A stored key for an exported one: the same key when it is free or already this user's, else a
 * deterministic key derived from (user, key) — so importing someone else's file never touches
 * their rows, and importing it twice still finds its own earlier copy.
 */
function derivedKey(userId: string, key: string): string {
  return `i${createHash("sha256").update(`${userId}:${key}`).digest("base64url").slice(0, 24)}`;
}

/** The stored key of each exported key; `exists` holds those this user already has (nothing to write). */
type Keys = { keyOf: Map<string, string>; exists: Set<string> };

async function ownKeys(
  userId: string,
  keys: readonly string[],
  ownersOf: (keys: string[]) => Promise<{ key: string; userId: string }[]>,
): Promise<Keys> {
  const keyOf = new Map<string, string>();
  const exists = new Set<string>();
  let pending = new Map([...new Set(keys)].map((k) => [k, k])); // exported key → candidate
  for (let round = 0; round < 3 && pending.size > 0; round++) {
    const owner = new Map((await ownersOf([...pending.values()])).map((r) => [r.key, r.userId]));
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

/** What the database holds of the file's keys: everything the plan depends on. */
type Resolution = {
  quizSessions: Keys;
  attempts: Keys;
  /** "quiz|question" pairs already answered (one answer per question in a quiz: a UNIQUE index) */
  answered: Set<string>;
  /** question id → this user's card id */
  cards: Map<string, string>;
  reviews: Keys;
  /** "family|seed" of the drills this user has answered (one attempt per learner and problem: a UNIQUE index) */
  drills: Set<string>;
};

type Db = TransactionClient;

const drillKey = (d: { family: string; seed: number }) => `${d.family}|${d.seed}`;

async function resolve(
  db: Db,
  inTransaction: boolean,
  userId: string,
  file: ProgressExport,
  questionId: (slug: string) => string,
): Promise<Resolution> {
  const p = provider();
  const bulk = bulkDb(db, inTransaction);
  const owners = (select: string) => (keys: string[]) =>
    selectWhereIn<{ key: string; userId: string }>(bulk, p, select, keys);
  const quizSessions = await ownKeys(
    userId,
    file.quizSessions.map((q) => q.id),
    owners(`SELECT "id" AS "key", "userId" FROM "QuizSession" WHERE "id"`),
  );
  const attempts = await ownKeys(
    userId,
    file.attempts.map((a) => a.id),
    owners(`SELECT "id" AS "key", "userId" FROM "Attempt" WHERE "id"`),
  );
  const answeredRows = await selectWhereIn<{ quizSessionId: string; questionId: string }>(
    bulk,
    p,
    `SELECT "quizSessionId", "questionId" FROM "Attempt" WHERE "quizSessionId"`,
    [...new Set(quizSessions.keyOf.values())],
  );
  const wanted = new Set(file.cards.map((c) => questionId(c.question)));
  const cardRows = wanted.size
    ? await db.card.findMany({
        where: { userId, questionId: { in: [...wanted] } },
        select: { id: true, questionId: true },
      })
    : [];
  const reviews = await ownKeys(
    userId,
    file.cards.flatMap((c) => c.reviews.map((r) => r.requestId)),
    owners(`SELECT "requestId" AS "key", "userId" FROM "ReviewLog" WHERE "requestId"`),
  );
  const drillRows = file.drillAttempts.length
    ? await db.drillAttempt.findMany({ where: { userId }, select: { family: true, seed: true } })
    : [];
  return {
    quizSessions,
    attempts,
    answered: new Set(answeredRows.map((r) => `${r.quizSessionId}|${r.questionId}`)),
    cards: new Map(cardRows.map((c) => [c.questionId, c.id])),
    reviews,
    drills: new Set(drillRows.map(drillKey)),
  };
}

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>) => a.size === b.size && [...a].every((x) => b.has(x));
const sameMap = (a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>) =>
  a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
const sameKeys = (a: Keys, b: Keys) => sameMap(a.keyOf, b.keyOf) && sameSet(a.exists, b.exists);

function sameResolution(a: Resolution, b: Resolution): boolean {
  return (
    sameKeys(a.quizSessions, b.quizSessions) &&
    sameKeys(a.attempts, b.attempts) &&
    sameSet(a.answered, b.answered) &&
    sameMap(a.cards, b.cards) &&
    sameKeys(a.reviews, b.reviews) &&
    sameSet(a.drills, b.drills)
  );
}

// The tables as the bulk writes see them: column order is the order of each planned row.
const QUIZ_SESSION: BulkTable = {
  name: "QuizSession",
  columns: [
    ["id", "text"],
    ["userId", "text"],
    ["settings", "json"],
    ["questionIds", "json"],
    ["startedAt", "timestamp"],
    ["finishedAt", "timestamp"],
    ["score", "float"],
  ],
};
const ATTEMPT: BulkTable = {
  name: "Attempt",
  columns: [
    ["id", "text"],
    ["userId", "text"],
    ["questionId", "text"],
    ["quizSessionId", "text"],
    ["kind", "text"],
    ["response", "json"],
    ["expected", "json"],
    ["correct", "bool"],
    ["score", "float"],
    ["createdAt", "timestamp"],
  ],
};
const CARD_SCHEDULE = [
  ["due", "timestamp"],
  ["stability", "float"],
  ["difficulty", "float"],
  ["elapsedDays", "int"],
  ["scheduledDays", "int"],
  ["learningSteps", "int"],
  ["reps", "int"],
  ["lapses", "int"],
  ["state", "int"],
  ["lastReview", "timestamp"],
] as const;
/** The file's scheduling state wins over the user's card for the same question (UNIQUE userId, questionId). */
const CARD: BulkTable = {
  name: "Card",
  columns: [
    ["id", "text"],
    ["userId", "text"],
    ["questionId", "text"],
    ...CARD_SCHEDULE,
    ["createdAt", "timestamp"],
    ["updatedAt", "timestamp"],
  ],
  onConflict: { target: ["userId", "questionId"], update: [...CARD_SCHEDULE.map(([name]) => name), "updatedAt"] },
};
const REVIEW_LOG: BulkTable = {
  name: "ReviewLog",
  columns: [
    ["id", "text"],
    ["cardId", "text"],
    ["userId", "text"],
    ["requestId", "text"],
    ["rating", "int"],
    ["state", "int"],
    ["due", "timestamp"],
    ["stability", "float"],
    ["difficulty", "float"],
    ["elapsedDays", "int"],
    ["lastElapsedDays", "int"],
    ["scheduledDays", "int"],
    ["learningSteps", "int"],
    ["review", "timestamp"],
    ["previousCard", "json"],
    ["createdAt", "timestamp"],
  ],
};

const DRILL_ATTEMPT: BulkTable = {
  name: "DrillAttempt",
  columns: [
    ["id", "text"],
    ["userId", "text"],
    ["family", "text"],
    ["seed", "int"],
    ["response", "json"],
    ["expected", "json"],
    ["correct", "bool"],
    ["errorDecades", "float"],
    ["margin", "float"],
    ["engineVersion", "text"],
    ["createdAt", "timestamp"],
  ],
};

/** A JSON column's text; null (SQL NULL) for a nullable column the file leaves null, as the app stores it. */
const jsonOrNull = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

type Plan = {
  quizSessions: PreparedInsert;
  attempts: PreparedInsert;
  cards: PreparedInsert;
  reviews: PreparedInsert;
  drillAttempts: PreparedInsert;
  created: Created;
};

/** Every row to write, from the file and a resolution: duplicates and rows already stored left out. */
async function plan(
  userId: string,
  file: ProgressExport,
  questionId: (slug: string) => string,
  res: Resolution,
  now: Date,
): Promise<Plan> {
  const p = provider();
  const once = (keys: Keys) => {
    const written = new Set(keys.exists); // this user's already, or earlier in the file
    return (key: string) => !written.has(key) && Boolean(written.add(key));
  };

  const newQuiz = once(res.quizSessions);
  const quizRows = file.quizSessions.flatMap((q) => {
    const id = res.quizSessions.keyOf.get(q.id) as string;
    if (!newQuiz(id)) return [];
    return [[id, userId, JSON.stringify(q.settings), JSON.stringify(q.questions), q.startedAt, q.finishedAt, q.score]];
  });

  const writtenAttempts = new Set(res.attempts.exists);
  const answered = new Set(res.answered); // an answer already stored, or the first in the file, counts
  const attemptRows = file.attempts.flatMap((a) => {
    const id = res.attempts.keyOf.get(a.id) as string;
    if (writtenAttempts.has(id)) return [];
    const quizSessionId = a.quizSession === null ? null : (res.quizSessions.keyOf.get(a.quizSession) ?? null);
    const qid = questionId(a.question);
    if (quizSessionId !== null) {
      if (answered.has(`${quizSessionId}|${qid}`)) return [];
      answered.add(`${quizSessionId}|${qid}`);
    }
    writtenAttempts.add(id);
    const row = [id, userId, qid, quizSessionId, a.kind, jsonOrNull(a.response), jsonOrNull(a.expected)];
    return [[...row, a.correct, a.score, a.createdAt]];
  });

  const lastOf = new Map(file.cards.map((c) => [questionId(c.question), c]));
  const cardIdOf = new Map<string, string>();
  const cardRows = [...lastOf].map(([qid, c]) => {
    const id = res.cards.get(qid) ?? randomUUID();
    cardIdOf.set(qid, id);
    const schedule = [c.due, c.stability, c.difficulty, c.elapsedDays, c.scheduledDays, c.learningSteps];
    return [id, userId, qid, ...schedule, c.reps, c.lapses, c.state, c.lastReview, c.createdAt, now];
  });

  const newReview = once(res.reviews);
  const reviewRows = file.cards.flatMap((c) =>
    c.reviews.flatMap((r) => {
      const requestId = res.reviews.keyOf.get(r.requestId) as string;
      if (!newReview(requestId)) return [];
      const cardId = cardIdOf.get(questionId(c.question)) as string;
      const fsrs = [r.rating, r.state, r.due, r.stability, r.difficulty, r.elapsedDays, r.lastElapsedDays];
      // previousCard: JSON null (the review created the card) is the JSON value null, not SQL NULL
      return [
        [
          randomUUID(),
          cardId,
          userId,
          requestId,
          ...fsrs,
          r.scheduledDays,
          r.learningSteps,
          r.review,
          JSON.stringify(r.previousCard),
          now,
        ],
      ];
    }),
  );

  // a problem this user answered keeps its first answer, as when it is submitted twice
  const answeredDrills = new Set(res.drills);
  const drillRows = file.drillAttempts.flatMap((d) => {
    if (answeredDrills.has(drillKey(d))) return [];
    answeredDrills.add(drillKey(d));
    const graded = [d.correct, d.errorDecades, d.margin, d.engineVersion, d.createdAt];
    return [
      [randomUUID(), userId, d.family, d.seed, JSON.stringify(d.response), JSON.stringify(d.expected), ...graded],
    ];
  });

  return {
    quizSessions: await prepareInsert(p, QUIZ_SESSION, quizRows),
    attempts: await prepareInsert(p, ATTEMPT, attemptRows),
    cards: await prepareInsert(p, CARD, cardRows),
    reviews: await prepareInsert(p, REVIEW_LOG, reviewRows),
    drillAttempts: await prepareInsert(p, DRILL_ATTEMPT, drillRows),
    created: {
      quizSessions: quizRows.length,
      attempts: attemptRows.length,
      cards: [...lastOf.keys()].filter((qid) => !res.cards.has(qid)).length,
      reviews: reviewRows.length,
      drillAttempts: drillRows.length,
    },
  };
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
  const now = new Date();
  const before = await resolve(prisma, false, userId, file, questionId);
  const planned = await plan(userId, file, questionId, before, now);
  // the lane: the bulk statements go to the adapter's transaction beneath `tx` (lib/db/direct-lane.ts)
  return inDirectLaneScope(() =>
    writeTransaction(
      prisma,
      async (tx) => {
        const current = await resolve(tx, true, userId, file, questionId);
        const rows = sameResolution(current, before) ? planned : await plan(userId, file, questionId, current, now);
        // the file's fitted parameters replace the account's, like its settings; a version 1 file has none to say
        const fit = file.fsrsFit === undefined ? {} : { fsrsFit: file.fsrsFit ?? jsonNulls(prisma).DbNull };
        await tx.user.update({ where: { id: userId }, data: { ...file.settings, ...fit }, select: { id: true } });
        const bulk = bulkDb(tx, true);
        await runInsert(bulk, rows.quizSessions);
        await runInsert(bulk, rows.attempts);
        await runInsert(bulk, rows.cards, { upsert: true });
        await runInsert(bulk, rows.reviews);
        await runInsert(bulk, rows.drillAttempts);
        return { ok: true as const, created: rows.created };
      },
      // a concurrent import of the same file by this user inserts the same keys: run again, and find them
      { timeout: 30_000, serializeOn: userId, retryUniqueViolations: true },
    ),
  );
}
