/** A learner's drill families as spaced repetition schedules them (ADR 33): replayed from their attempts. */
import "server-only";
import { listScheduledAttempts } from "@/lib/db/drills.server";
import { type FamilySchedule, familySchedules } from "@/lib/drills/schedule";

/** Every family's schedule at `now`; a learner without an account or attempts has every family new. */
export async function drillSchedules(userId: string | null, now: Date): Promise<FamilySchedule[]> {
  return familySchedules(userId ? await listScheduledAttempts(userId) : [], now);
}
