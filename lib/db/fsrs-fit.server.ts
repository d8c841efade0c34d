/**
 * The data behind a learner's personal FSRS parameters (ADR 0028): their review log as the
 * optimizer reads it, and User.fsrsFit, written only after it passes the schema its readers use.
 */
import "server-only";
import { type FsrsFit, FsrsFitSchema, readFit } from "@/lib/flashcards/fsrs-fit";
import type { Rating } from "@/lib/flashcards/ratings";
import type { LoggedReview } from "@/lib/flashcards/review-history";
import { prisma } from "./client.server";
import type { Prisma } from "./prisma";

/**
 * At most this many of the newest reviews are read for one fit: a learner's log holds one card
 * per question (78 today) times its reviews, so this only bounds a log grown on purpose.
 */
export const MAX_FIT_LOGS = 50_000;

/**
 * The learner's newest reviews (at most MAX_FIT_LOGS), only of cards whose first review is among
 * them (a history cut in the middle would start from a wrong memory state), and how many
 * reviews the learner has in all.
 */
export async function readReviewLog(userId: string): Promise<{ reviews: LoggedReview[]; total: number }> {
  const [rows, total] = await Promise.all([
    prisma.reviewLog.findMany({
      where: { userId },
      orderBy: [{ review: "desc" }, { id: "desc" }],
      take: MAX_FIT_LOGS,
      select: { cardId: true, rating: true, state: true, review: true },
    }),
    prisma.reviewLog.count({ where: { userId } }),
  ]);
  // ReviewLog.state is the card's state before the review: 0 (New) marks a card's first review
  const complete = new Set(rows.filter((r) => r.state === 0).map((r) => r.cardId));
  const reviews = rows
    .filter((r) => complete.has(r.cardId))
    .map((r) => ({ cardId: r.cardId, rating: r.rating as Rating, review: r.review }));
  return { reviews, total };
}

export async function countReviewLogs(userId: string): Promise<number> {
  return prisma.reviewLog.count({ where: { userId } });
}

export async function getFsrsFit(userId: string | null): Promise<FsrsFit | null> {
  if (!userId) return null;
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { fsrsFit: true } });
  return readFit(user?.fsrsFit);
}

export async function saveFsrsFit(userId: string, fit: FsrsFit): Promise<void> {
  const valid = FsrsFitSchema.parse(fit) as Prisma.InputJsonValue;
  await prisma.user.update({ where: { id: userId }, data: { fsrsFit: valid } });
}
