/** The dashboard's figures for one user, computed on the server from their own rows only. */
import "server-only";
import { isTimeZone } from "@/lib/i18n/time-zones";
import {
  type Accuracy,
  accuracyBy,
  type DayCount,
  dueForecast,
  heatmap,
  retention,
  streaks,
} from "@/lib/progress/stats";
import { isMastered } from "@/lib/progress/study-status";
import { prisma } from "./client.server";

export type Dashboard = {
  timeZone: string;
  attempts: number;
  reviews: number;
  retention: number | null;
  mastered: number;
  cards: number;
  streak: { current: number; longest: number };
  byTopic: Accuracy[];
  byDifficulty: Accuracy[];
  heatmap: DayCount[];
  forecast: DayCount[];
};

export async function loadDashboard(userId: string, now: Date = new Date()): Promise<Dashboard> {
  const [user, attempts, reviews, cards] = await Promise.all([
    prisma.user.findUnique({ where: { id: userId }, select: { timeZone: true } }),
    prisma.attempt.findMany({
      where: { userId },
      select: { correct: true, createdAt: true, question: { select: { topic: true, difficulty: true } } },
    }),
    prisma.reviewLog.findMany({ where: { userId }, select: { rating: true, review: true } }),
    prisma.card.findMany({ where: { userId }, select: { due: true, state: true, scheduledDays: true } }),
  ]);
  // a stored zone this runtime does not know (an old row) counts as UTC instead of failing the page
  const timeZone = user && isTimeZone(user.timeZone) ? user.timeZone : "UTC";
  return {
    timeZone,
    attempts: attempts.length,
    reviews: reviews.length,
    retention: retention(reviews.map((r) => r.rating)),
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
