/** Attempts (lib/progress/attempts.ts): recording them and reading one question's back. */
import "server-only";
import { readAttemptPayload } from "@/lib/progress/attempt-payloads";
import { ATTEMPT_KINDS, type AttemptKind } from "@/lib/progress/attempts";
import type { PredictionAttempt } from "@/lib/progress/prediction-loop";
import { prisma } from "./client.server";
import type { Prisma } from "./prisma";

export type AttemptView = {
  id: string;
  kind: AttemptKind;
  correct: boolean | null;
  score: number | null;
  response: unknown;
  expected: unknown;
  createdAt: Date;
};

/** A value as JSON stores it: NaN and ±Infinity become null (as in the API's JSON), undefined fields vanish. */
function asJson(value: unknown): Prisma.InputJsonValue | undefined {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);
}

export async function recordAttempt(input: {
  userId: string;
  questionId: string;
  kind: AttemptKind;
  /** what the learner answered and what the right answer was: plain data, stored as JSON */
  response?: unknown;
  expected?: unknown;
  correct?: boolean;
  score?: number;
  quizSessionId?: string;
}): Promise<void> {
  await prisma.attempt.create({
    data: { ...input, response: asJson(input.response), expected: asJson(input.expected) },
  });
}

function toView(row: {
  id: string;
  kind: string;
  correct: boolean | null;
  score: number | null;
  response: unknown;
  expected: unknown;
  createdAt: Date;
}): AttemptView | null {
  if (!(ATTEMPT_KINDS as readonly string[]).includes(row.kind)) return null;
  const kind = row.kind as AttemptKind;
  // a payload the app never writes reads as none (attempt-payloads.ts): the page shows the attempt without it
  const payload = readAttemptPayload(kind, row.response, row.expected);
  return {
    id: row.id,
    kind,
    correct: row.correct,
    score: row.score,
    ...payload,
    createdAt: row.createdAt,
  };
}

/** A user's attempts at one question, newest first. */
export async function listAttempts(userId: string, questionId: string, take = 20): Promise<AttemptView[]> {
  const rows = await prisma.attempt.findMany({
    where: { userId, questionId },
    orderBy: { createdAt: "desc" },
    take,
  });
  return rows.flatMap((row) => toView(row) ?? []);
}

/**
 * A user's predictions, newest first, with their question's slug (for the streak and the next
 * question). Bounded: a streak longer than the bank is read from the newest `take` alone.
 */
export async function listPredictionAttempts(userId: string, take = 1000): Promise<PredictionAttempt[]> {
  const rows = await prisma.attempt.findMany({
    where: { userId, kind: "prediction" },
    orderBy: { createdAt: "desc" },
    take,
    select: { correct: true, createdAt: true, question: { select: { slug: true } } },
  });
  return rows.map((r) => ({ slug: r.question.slug, correct: r.correct, createdAt: r.createdAt }));
}
