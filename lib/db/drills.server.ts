/** Drill attempts (lib/drills/attempt.ts): recording one per learner and problem, and reading them back. */
import "server-only";
import { type DrillExpected, DrillExpectedSchema, type DrillResponse, DrillResponseSchema } from "@/lib/drills/attempt";
import type { DrillFamilyId } from "@/lib/drills/families";
import { isDrillFamily } from "@/lib/drills/families";
import { SCHEDULE_ATTEMPTS, type ScheduledAttempt } from "@/lib/drills/schedule";
import { prisma } from "./client.server";
import { writeTransaction } from "./transaction";

export type DrillAttemptView = {
  family: DrillFamilyId;
  seed: number;
  response: DrillResponse;
  expected: DrillExpected;
  correct: boolean;
  errorDecades: number | null;
  margin: number;
  engineVersion: string;
  createdAt: Date;
};

type Row = {
  family: string;
  seed: number;
  response: unknown;
  expected: unknown;
  correct: boolean;
  errorDecades: number | null;
  margin: number;
  engineVersion: string;
  createdAt: Date;
};

/** A stored row through the schemas that wrote it; a row that no longer parses (an old family) is skipped. */
function toView(row: Row): DrillAttemptView | null {
  const response = DrillResponseSchema.safeParse(row.response);
  const expected = DrillExpectedSchema.safeParse(row.expected);
  if (!isDrillFamily(row.family) || !response.success || !expected.success) return null;
  const { family, seed, correct, errorDecades, margin, engineVersion, createdAt } = row;
  return {
    family,
    seed,
    response: response.data,
    expected: expected.data,
    correct,
    errorDecades,
    margin,
    engineVersion,
    createdAt,
  };
}

export type NewDrillAttempt = {
  userId: string;
  family: DrillFamilyId;
  seed: number;
  response: DrillResponse;
  expected: DrillExpected;
  correct: boolean;
  errorDecades: number | null;
  margin: number;
  engineVersion: string;
};

/**
 * Stores the learner's first answer to a problem, or returns the one already stored (a second
 * submission, a double click, another app server): one attempt per learner and problem.
 */
export async function recordDrillAttempt(
  input: NewDrillAttempt,
): Promise<{ attempt: DrillAttemptView; created: boolean }> {
  const data = {
    ...input,
    response: DrillResponseSchema.parse(input.response),
    expected: DrillExpectedSchema.parse(input.expected),
  };
  const key = { userId: input.userId, family: input.family, seed: input.seed };
  const { row, created } = await writeTransaction(
    prisma,
    async (tx) => {
      const existing = await tx.drillAttempt.findUnique({ where: { userId_family_seed: key } });
      if (existing) return { row: existing, created: false };
      return { row: await tx.drillAttempt.create({ data }), created: true };
    },
    { serializeOn: input.userId, retryUniqueViolations: true },
  );
  const attempt = toView(row);
  if (!attempt) throw new Error("a drill attempt that was just written does not parse");
  return { attempt, created };
}

export async function getDrillAttempt(
  userId: string,
  family: DrillFamilyId,
  seed: number,
): Promise<DrillAttemptView | null> {
  const row = await prisma.drillAttempt.findUnique({ where: { userId_family_seed: { userId, family, seed } } });
  return row ? toView(row) : null;
}

/** A learner's drill attempts, newest first: at most `take` (the dashboard), or every one (`"all"`: the export). */
export async function listDrillAttempts(userId: string, take: number | "all" = 500): Promise<DrillAttemptView[]> {
  const rows = await prisma.drillAttempt.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    ...(take === "all" ? {} : { take }),
  });
  return rows.flatMap((r) => toView(r) ?? []);
}

/**
 * What the family schedule replays (lib/drills/schedule.ts): the learner's newest
 * SCHEDULE_ATTEMPTS attempts, only the columns it needs; rows of an unknown family are left out.
 */
export async function listScheduledAttempts(userId: string): Promise<ScheduledAttempt[]> {
  const rows = await prisma.drillAttempt.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take: SCHEDULE_ATTEMPTS,
    select: { family: true, correct: true, createdAt: true },
  });
  return rows.flatMap((r) => (isDrillFamily(r.family) ? [{ ...r, family: r.family }] : []));
}
