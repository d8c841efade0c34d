/**
 * "Today" for a returning learner (home page and dashboard): cards due now and new cards left
 * today (the flashcard queue's own counts), the current streak, the quiz left unfinished, and
 * whether there is any history at all (a first-time visitor sees the welcome page instead).
 */
import "server-only";
import { streaks } from "@/lib/progress/stats";
import { getStudyQueue } from "./cards.server";
import { prisma } from "./client.server";

export type Today = {
  returning: boolean;
  due: number;
  new: number;
  /** the earliest due time after now, when nothing is due */
  nextDue: Date | null;
  streak: number;
  timeZone: string;
  /** the newest quiz started in the last QUIZ_RESUME_DAYS and not finished */
  quiz: { id: string; answered: number; total: number } | null;
};

/** An unfinished quiz older than this is not offered to continue. */
const QUIZ_RESUME_DAYS = 14;
/** The streak is counted over this window (a longer run shows as this many days). */
const STREAK_WINDOW_DAYS = 400;
const DAY_MS = 86_400_000;

export async function loadToday(userId: string, now: Date = new Date()): Promise<Today> {
  const since = new Date(now.getTime() - STREAK_WINDOW_DAYS * DAY_MS);
  const [queue, attempts, reviews, quiz] = await Promise.all([
    getStudyQueue(userId, now, { limit: 0 }),
    prisma.attempt.findMany({ where: { userId, createdAt: { gte: since } }, select: { createdAt: true } }),
    prisma.reviewLog.findMany({ where: { userId, review: { gte: since } }, select: { review: true } }),
    prisma.quizSession.findFirst({
      where: { userId, finishedAt: null, startedAt: { gte: new Date(now.getTime() - QUIZ_RESUME_DAYS * DAY_MS) } },
      orderBy: { startedAt: "desc" },
      select: { id: true, questionIds: true, _count: { select: { attempts: true } } },
    }),
  ]);
  const activity = [...attempts.map((a) => a.createdAt), ...reviews.map((r) => r.review)];
  const returning =
    activity.length > 0 ||
    (await prisma.attempt.count({ where: { userId } })) + (await prisma.reviewLog.count({ where: { userId } })) > 0;
  const total = Array.isArray(quiz?.questionIds) ? quiz.questionIds.length : 0;
  return {
    returning,
    due: queue.dueCount,
    new: queue.newCount,
    nextDue: queue.nextDue,
    streak: streaks(activity, queue.settings.timeZone, now).current,
    timeZone: queue.settings.timeZone,
    quiz: quiz && total > 0 ? { id: quiz.id, answered: Math.min(total, quiz._count.attempts), total } : null,
  };
}
