/**
 * A learner's review log as the FSRS optimizer reads it (ADR 0028): per card, in time order, one
 * training item per review after the first, holding every review up to it with the days elapsed
 * since the one before (0 for the first review and for a review on the same day). Days are civil
 * days in the learner's time zone, as Anki counts them from its day start. Pure; client-safe.
 */
import { type DayKey, dayKey } from "@/lib/i18n/time-zones";
import type { Rating } from "./ratings";

export type LoggedReview = { cardId: string; rating: Rating; review: Date };
export type HistoryReview = { rating: Rating; deltaT: number };
/** The reviews of one card up to and including the one being predicted (the last). */
export type HistoryItem = HistoryReview[];

/**
 * A card's first reviews only, beyond this many: the items of one card grow with the square of
 * its reviews, and no learner reviews one card this often (a year of daily reviews is 365).
 */
export const MAX_REVIEWS_PER_CARD = 128;

/** Whole days from `a` to `b` (civil dates, read as UTC midnights: exact, no daylight saving). */
function daysBetween(a: DayKey, b: DayKey): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function trainingItems(logs: readonly LoggedReview[], timeZone: string): HistoryItem[] {
  const byCard = new Map<string, LoggedReview[]>();
  for (const l of logs) {
    const list = byCard.get(l.cardId) ?? [];
    list.push(l);
    byCard.set(l.cardId, list);
  }
  const items: HistoryItem[] = [];
  for (const list of byCard.values()) {
    list.sort((a, b) => a.review.getTime() - b.review.getTime());
    const reviews: HistoryReview[] = [];
    let previous: DayKey | null = null;
    for (const l of list.slice(0, MAX_REVIEWS_PER_CARD)) {
      const day = dayKey(l.review, timeZone);
      reviews.push({ rating: l.rating, deltaT: previous === null ? 0 : daysBetween(previous, day) });
      previous = day;
      if (reviews.length > 1) items.push([...reviews]);
    }
  }
  return items;
}

/** Items whose last review came a day or more after the one before: the ones a forgetting curve predicts. */
export function longTermItems(items: readonly HistoryItem[]): HistoryItem[] {
  return items.filter((item) => (item[item.length - 1]?.deltaT ?? 0) > 0);
}
