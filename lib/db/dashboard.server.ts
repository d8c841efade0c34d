/** The dashboard's figures for one user, computed on the server from their own rows only. */
import "server-only";
import { isTimeZone } from "@/lib/i18n/time-zones";
import {
  type Accuracy,
  accuracyBy,
  type DayCount,
  dueForecast,
  heatmap,
  streaks,
  trueRetention,
} from "@/lib/progress/stats";
import { isMastered, STUDY_STATUSES, type StudyStatus } from "@/lib/progress/study-status";
import { prisma } from "./client.server";
import { studyStatusBySlug } from "./study-status.server";

export type Dashboard = {
  timeZone: string;
  attempts: number;
  reviews: number;
  /** true retention (lib/progress/stats.ts): null until there are enough reviews of learned cards */
  retention: number | null;
  /** reviews of learned cards, the retention's basis */
  retentionReviews: number;
  /** questions per study status (lib/progress/study-status.ts) */
  statuses: Record<StudyStatus, number>;
  mastered: number;
  cards: number;
  streak: { current: number; longest: number };
  byTopic: Accuracy[];
  byDifficulty: Accuracy[];
  heatmap: DayCount[];
  forecast: DayCount[];
};

export async function loadDashboard(userId: string, now: Date = new Date()): Promise<Dashboard> {
  const [user, attempts, reviews, cards, statusBySlug] = await Promise.all([
    prisma.user.findUnique({ where: { id: userId }, select: { timeZone: true } }),
    prisma.attempt.findMany({
      where: { userId },
      select: { correct: true, createdAt: true, question: { select: { topic: true, difficulty: true } } },
    }),
    prisma.reviewLog.findMany({ where: { userId }, select: { rating: true, state: true, review: true } }),
    prisma.card.findMany({ where: { userId }, select: { due: true, state: true, scheduledDays: true } }),
    studyStatusBySlug(userId, now),
  ]);
  const statuses = Object.fromEntries(STUDY_STATUSES.map((s) => [s, 0])) as Record<StudyStatus, number>;
  for (const s of statusBySlug.values()) statuses[s]++;
  const kept = trueRetention(reviews);
  // a stored zone this runtime does not know (an old row) counts as UTC instead of failing the page
  const timeZone = user && isTimeZone(user.timeZone) ? user.timeZone : "UTC";
  return {
    timeZone,
    attempts: attempts.length,
    reviews: reviews.length,
    retention: kept.value,
    retentionReviews: kept.reviews,
    statuses,
    mastered: cards.filter(isMastered).length,
    cards: cards.length,
    streak: streaks([...attempts.map((a) => a.createdAt), ...reviews.map((r) => r.review)], timeZone, now),
    byTopic: accuracyBy(attempts.map((a) => ({ key: a.question.topic, correct: a.correct }))),
    byDifficulty: accuracyBy(attempts.map((a) => ({ key: a.question.difficulty, correct: a.correct }))),
    heatmap: heatmap(
      reviews.map((r) => r.review),
      timeZone,
      now,
    ),
    forecast: dueForecast(
      cards.map((c) => c.due),
      timeZone,
      now,
    ),
  };
}
