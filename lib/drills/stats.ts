/**
 * What a learner's drill attempts add up to: per family, how many and how many right, and for
 * estimates the mean error in decades (calibration), all told and over time (the newest ten
 * beside the ten before them); and the current streak. Which family is due
 * next: schedule.ts.
 */
import { DRILL_FAMILIES, type DrillFamilyId } from "./families";

export type AttemptSummary = { family: DrillFamilyId; correct: boolean; errorDecades: number | null; createdAt: Date };

/** How a stretch of attempts went: how many, how many right, and the estimates' mean error. */
export type Tally = {
  total: number;
  correct: number;
  /** mean |answer − engine| in decades over the estimates; null without estimates */
  meanErrorDecades: number | null;
};

export type FamilyStats = Tally & {
  family: DrillFamilyId;
  /** over time: the newest TREND_WINDOW attempts, and the TREND_WINDOW before them (null when none) */
  recent: Tally;
  before: Tally | null;
};

/** Attempts per stretch in the trend: enough to mean something, few enough to move with practice. */
export const TREND_WINDOW = 10;

function tally(attempts: readonly AttemptSummary[]): Tally {
  const errors = attempts.flatMap((a) => (a.errorDecades === null ? [] : [a.errorDecades]));
  return {
    total: attempts.length,
    correct: attempts.filter((a) => a.correct).length,
    meanErrorDecades: errors.length ? errors.reduce((s, e) => s + e, 0) / errors.length : null,
  };
}

export function familyStats(attempts: readonly AttemptSummary[]): FamilyStats[] {
  return DRILL_FAMILIES.map((family) => {
    const newestFirst = attempts
      .filter((a) => a.family === family)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    const earlier = newestFirst.slice(TREND_WINDOW, 2 * TREND_WINDOW);
    return {
      family,
      ...tally(newestFirst),
      recent: tally(newestFirst.slice(0, TREND_WINDOW)),
      before: earlier.length ? tally(earlier) : null,
    };
  });
}

/** Right answers in a row, counting back from the newest. */
export function currentStreak(attempts: readonly AttemptSummary[]): number {
  const newestFirst = [...attempts].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const miss = newestFirst.findIndex((a) => !a.correct);
  return miss === -1 ? newestFirst.length : miss;
}
