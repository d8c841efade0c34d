/**
 * A learner's study status per question, for the question list's status filter and badges.
 *
 * Each question has exactly one status, the first rule that applies (so the counts add up to
 * the number of questions):
 *   new        no FSRS card and no attempt by this user
 *   due        a card whose `due` is at or before now (it is waiting in the review queue)
 *   learning   a card in state 1 Learning or 3 Relearning (not yet due)
 *   mastered   a card in state 2 Review with scheduledDays ≥ 21 (the next review is three weeks
 *              or more away: the conventional "mature" card in Anki), not due
 *   seen       anything else: attempted without a card, or a young Review card not yet due
 */
export const STUDY_STATUSES = ["new", "due", "learning", "mastered", "seen"] as const;
export type StudyStatus = (typeof STUDY_STATUSES)[number];

/** What the status rules read of a card (its FSRS state as stored: 0 New … 3 Relearning). */
export type CardStatusFields = { due: Date; state: number; scheduledDays: number };

/** Mastered: a card in Review (state 2) with an interval of 21 days or more (also the dashboard's count). */
export const MASTERED_MIN_INTERVAL_DAYS = 21;
export function isMastered(card: Pick<CardStatusFields, "state" | "scheduledDays">): boolean {
  return card.state === 2 && card.scheduledDays >= MASTERED_MIN_INTERVAL_DAYS;
}

/** The status of one question given its card (if any) and whether it has attempts. */
export function statusOf(card: CardStatusFields | null, attempted: boolean, now: Date): StudyStatus {
  if (!card) return attempted ? "seen" : "new";
  if (card.due.getTime() <= now.getTime()) return "due";
  if (card.state === 1 || card.state === 3) return "learning";
  if (isMastered(card)) return "mastered";
  return "seen";
}
