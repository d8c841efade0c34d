/**
 * Pure progress statistics for the dashboard. Days are civil dates in the learner's IANA time
 * zone (lib/i18n/time-zones.ts), so a DST change never merges or splits a day.
 *
 * Streak rule: a day counts when the learner answered a question (an Attempt) or reviewed a card
 * (a ReviewLog) during that calendar day in their time zone. The current streak is the run of
 * counted days ending today — or ending yesterday when today has no activity yet, so a streak is
 * not "broken" in the morning before studying. The longest streak is the longest such run ever.
 */
import { addDays, type DayKey, dayKey } from "@/lib/i18n/time-zones";

export function streaks(activity: Iterable<Date>, timeZone: string, now: Date): { current: number; longest: number } {
  const days = new Set<DayKey>();
  for (const at of activity) days.add(dayKey(at, timeZone));
  const sorted = [...days].sort();
  let longest = 0;
  let run = 0;
  let prev: DayKey | null = null;
  for (const day of sorted) {
    run = prev !== null && addDays(prev, 1) === day ? run + 1 : 1;
    longest = Math.max(longest, run);
    prev = day;
  }
  const today = dayKey(now, timeZone);
  let cursor = days.has(today) ? today : addDays(today, -1);
  let current = 0;
  while (days.has(cursor)) {
    current++;
    cursor = addDays(cursor, -1);
  }
  return { current, longest };
}

export type DayCount = { date: DayKey; count: number };

/** Reviews per civil day for the `days` days ending today (oldest first; days without reviews are 0). */
export function heatmap(reviews: Iterable<Date>, timeZone: string, now: Date, days = 365): DayCount[] {
  const today = dayKey(now, timeZone);
  const first = addDays(today, -(days - 1));
  const counts = new Map<DayKey, number>();
  for (const at of reviews) {
    const key = dayKey(at, timeZone);
    if (key >= first && key <= today) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return Array.from({ length: days }, (_, i) => {
    const date = addDays(first, i);
    return { date, count: counts.get(date) ?? 0 };
  });
}

/** Cards due per civil day for the next `days` days; overdue cards count as due today. */
export function dueForecast(dues: Iterable<Date>, timeZone: string, now: Date, days = 14): DayCount[] {
  const today = dayKey(now, timeZone);
  const last = addDays(today, days - 1);
  const counts = new Map<DayKey, number>();
  for (const due of dues) {
    let key = dayKey(due, timeZone);
    if (key < today) key = today;
    if (key <= last) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return Array.from({ length: days }, (_, i) => {
    const date = addDays(today, i);
    return { date, count: counts.get(date) ?? 0 };
  });
}

export type Accuracy = { key: string; correct: number; total: number; accuracy: number };

/** Share correct per group, for graded answers only (correct not null), groups sorted by key. */
export function accuracyBy<K extends string | number>(rows: Iterable<{ key: K; correct: boolean | null }>): Accuracy[] {
  const groups = new Map<string, { correct: number; total: number }>();
  for (const row of rows) {
    if (row.correct === null) continue;
    const g = groups.get(String(row.key)) ?? { correct: 0, total: 0 };
    g.total++;
    if (row.correct) g.correct++;
    groups.set(String(row.key), g);
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, g]) => ({ key, ...g, accuracy: g.correct / g.total }));
}

/** Share of reviews not rated Again (rating 1); null without reviews. */
export function retention(ratings: Iterable<number>): number | null {
  let total = 0;
  let kept = 0;
  for (const r of ratings) {
    total++;
    if (r !== 1) kept++;
  }
  return total === 0 ? null : kept / total;
}

/** Below this many reviews of learned cards, a retention figure says nothing yet. */
export const RETENTION_MIN_REVIEWS = 10;

/**
 * True retention (Anki's term): the share of reviews of learned cards — the card was in Review
 * (state 2) when it was rated — not rated Again. First-time cards and learning steps say how a
 * card was learned, not whether it was remembered, so they do not count. The value is null until
 * there are `min` such reviews.
 */
export function trueRetention(
  logs: Iterable<{ rating: number; state: number }>,
  min = RETENTION_MIN_REVIEWS,
): { value: number | null; reviews: number } {
  const ratings: number[] = [];
  for (const l of logs) if (l.state === 2) ratings.push(l.rating);
  return { value: ratings.length >= min ? retention(ratings) : null, reviews: ratings.length };
}
