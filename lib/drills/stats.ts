/**
 * What a learner's drill attempts add up to: per family, how many and how many right, and for
 * estimates the mean error in decades (calibration); and the current streak. Which family is due
 * next: schedule.ts.
 */
import { DRILL_FAMILIES, type DrillFamilyId } from "./families";

export type AttemptSummary = { family: DrillFamilyId; correct: boolean; errorDecades: number | null; createdAt: Date };

export type FamilyStats = {
  family: DrillFamilyId;
  total: number;
  correct: number;
  /** mean |answer − engine| in decades over the estimates; null without estimates */
  meanErrorDecades: number | null;
};

export function familyStats(attempts: readonly AttemptSummary[]): FamilyStats[] {
  return DRILL_FAMILIES.map((family) => {
    const mine = attempts.filter((a) => a.family === family);
    const errors = mine.flatMap((a) => (a.errorDecades === null ? [] : [a.errorDecades]));
    return {
      family,
      total: mine.length,
      correct: mine.filter((a) => a.correct).length,
      meanErrorDecades: errors.length ? errors.reduce((s, e) => s + e, 0) / errors.length : null,
    };
  });
}

/** Right answers in a row, counting back from the newest. */
export function currentStreak(attempts: readonly AttemptSummary[]): number {
  const newestFirst = [...attempts].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const miss = newestFirst.findIndex((a) => !a.correct);
  return miss === -1 ? newestFirst.length : miss;
}
