/**
 * Export and wipe of one user's progress (the import: progress-import.server.ts). Every query is scoped by the user id it is
 * given (the caller's own, from the session): there is no way to name another user here.
 */
import "server-only";
import { readFit } from "@/lib/flashcards/fsrs-fit";
import { PROGRESS_FORMAT, PROGRESS_VERSION, type ProgressExport } from "@/lib/progress/export-format";
import { prisma } from "./client.server";
import { listDrillAttempts } from "./drills.server";

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
const byKey =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

export async function exportProgress(userId: string, now: Date = new Date()): Promise<ProgressExport> {
  const [user, quizzes, attempts, cards, drills] = await Promise.all([
    prisma.user.findUniqueOrThrow({
      where: { id: userId },
      select: { locale: true, timeZone: true, newCardsPerDay: true, desiredRetention: true, fsrsFit: true },
    }),
    prisma.quizSession.findMany({ where: { userId } }),
    prisma.attempt.findMany({ where: { userId }, include: { question: { select: { slug: true } } } }),
    prisma.card.findMany({
      where: { userId },
      include: { question: { select: { slug: true } }, reviewLogs: true },
    }),
    listDrillAttempts(userId, "all"),
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
    drillAttempts: drills
      .map((d) => ({ ...d, createdAt: iso(d.createdAt) }))
      // seeds padded so that the order is numeric within a family and instant
      .sort(byKey((d) => `${d.createdAt}|${d.family}|${String(d.seed).padStart(10, "0")}`)),
    fsrsFit: readFit(user.fsrsFit),
  };
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
