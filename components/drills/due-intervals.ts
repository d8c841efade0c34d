/** The time until each drill family is due, in the flashcards' interval words ("10m", "2d"). */
import type { DrillFamilyId } from "@/lib/drills/families";
import type { FamilySchedule } from "@/lib/drills/schedule";
import { intervalParts } from "@/lib/flashcards/fsrs";

type IntervalT = (key: string, values: { n: number }) => string;

export function dueIntervals(
  schedules: readonly FamilySchedule[],
  now: Date,
  tFlashcards: IntervalT,
): Record<DrillFamilyId, string> {
  return Object.fromEntries(
    schedules.map((s) => {
      const { value, unit } = intervalParts(s.due.getTime() - now.getTime());
      return [s.family, tFlashcards(`interval.${unit}`, { n: value })];
    }),
  ) as Record<DrillFamilyId, string>;
}
