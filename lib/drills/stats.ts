/**
 * What a learner's drill attempts add up to: per family, how many and how many right, and for
 * estimates the mean error in decades (calibration); the current streak; and which family a
 * "mixed" session should serve next.
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

/**
 * The family a mixed session serves next: the one with the fewest attempts (new families first),
 * then the lowest share right, so the families one misses come back sooner; ties by `random` ∈ [0, 1).
 */
export function nextMixedFamily(stats: readonly FamilyStats[], random: number): DrillFamilyId {
  const score = (s: FamilyStats) => (s.total === 0 ? -1 : s.correct / s.total);
  const fewest = Math.min(...stats.map((s) => Math.min(s.total, 3)));
  const candidates = stats.filter((s) => Math.min(s.total, 3) === fewest);
  const worst = Math.min(...candidates.map(score));
  const pool = candidates.filter((s) => score(s) === worst);
  const pick = pool[Math.floor(random * pool.length)] ?? stats[0];
  if (!pick) throw new Error("no drill families");
  return pick.family;
}
