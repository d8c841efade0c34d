/**
 * Spaced repetition by drill family (ADR 33): one FSRS card per learner and family, never
 * stored — its state is the learner's drill attempts of that family replayed through the
 * flashcards' scheduler in time order, a miss rated Again and a right answer Good. So a family one
 * misses is due again within minutes, one answered right comes back after 10 minutes, then days.
 * "Mixed" serves the most-due family. Pure: the caller gives the attempts and the clock.
 */
import { type CardFields, newCard, type Reviewer, reviewer, type SchedulerSettings } from "@/lib/flashcards/fsrs";
import type { Rating } from "@/lib/flashcards/ratings";
import { DRILL_FAMILIES, type DrillFamilyId } from "./families";

/** What the replay needs of an attempt. */
export type ScheduledAttempt = { family: DrillFamilyId; correct: boolean; createdAt: Date };

/** A miss is a lapse (Again); a right answer is recall (Good). */
export const ratingOf = (correct: boolean): Rating => (correct ? 3 : 1);

/**
 * Attempts a replay reads at most, the newest (a replay costs about 15 µs per attempt, ADR 33):
 * for a learner with more, a family's card starts at its oldest attempt kept.
 */
export const SCHEDULE_ATTEMPTS = 1000;

export type FamilySchedule = {
  family: DrillFamilyId;
  /** null: never attempted (a new card, due at once) */
  card: CardFields | null;
  /** when the family is due: `now` for a new one */
  due: Date;
  isDue: boolean;
  /** the newest attempt of the family was a miss */
  lastMissed: boolean;
};

/** One family's card after its attempts (in time order); null without attempts. */
export function replayFamily(
  attempts: readonly Pick<ScheduledAttempt, "correct" | "createdAt">[],
  settings?: SchedulerSettings | Reviewer,
): CardFields | null {
  const next = typeof settings === "function" ? settings : reviewer(settings);
  let card: CardFields | null = null;
  for (const a of attempts) card = next(card ?? newCard(a.createdAt), ratingOf(a.correct), a.createdAt).card;
  return card;
}

/** Every family's schedule at `now`, in DRILL_FAMILIES order. Attempts may come in any order. */
export function familySchedules(
  attempts: readonly ScheduledAttempt[],
  now: Date,
  settings?: SchedulerSettings,
): FamilySchedule[] {
  const byFamily = new Map<DrillFamilyId, ScheduledAttempt[]>();
  for (const a of [...attempts].sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime())) {
    const list = byFamily.get(a.family);
    if (list) list.push(a);
    else byFamily.set(a.family, [a]);
  }
  const next = reviewer(settings);
  return DRILL_FAMILIES.map((family) => {
    const mine = byFamily.get(family) ?? [];
    const card = replayFamily(mine, next);
    const due = card ? card.due : now;
    return {
      family,
      card,
      due,
      isDue: due.getTime() <= now.getTime(),
      lastMissed: mine.length > 0 && !mine[mine.length - 1]?.correct,
    };
  });
}

/**
 * The family a mixed session serves: the one due longest ago (a new family counts as due now, so
 * a missed family whose relearning step has passed comes before the new ones); when none is due,
 * the one due soonest. Ties by `random` ∈ [0, 1).
 */
export function mostDueFamily(schedules: readonly FamilySchedule[], random: number): DrillFamilyId {
  const earliest = Math.min(...schedules.map((s) => s.due.getTime()));
  const pool = schedules.filter((s) => s.due.getTime() === earliest);
  const pick = pool[Math.floor(random * pool.length)] ?? schedules[0];
  if (!pick) throw new Error("no drill families");
  return pick.family;
}
