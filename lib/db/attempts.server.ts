/** Attempts: every answer a learner gives, kept as their progress. */
import "server-only";
import { prisma } from "./client.server";
import type { Prisma } from "./prisma";

export const ATTEMPT_KINDS = ["reveal", "recall", "choice", "prediction"] as const;
export type AttemptKind = (typeof ATTEMPT_KINDS)[number];

export type AttemptView = {
  id: string;
  kind: AttemptKind;
  correct: boolean | null;
  score: number | null;
  response: unknown;
  expected: unknown;
  createdAt: Date;
};

export async function recordAttempt(input: {
  userId: string;
  questionId: string;
  kind: AttemptKind;
  response?: Prisma.InputJsonValue;
  expected?: Prisma.InputJsonValue;
  correct?: boolean;
  score?: number;
  quizSessionId?: string;
}): Promise<AttemptView> {
  const row = await prisma.attempt.create({ data: input });
  return toView(row);
}

function toView(row: {
  id: string;
  kind: string;
  correct: boolean | null;
  score: number | null;
  response: unknown;
  expected: unknown;
  createdAt: Date;
}): AttemptView {
  return {
    id: row.id,
    kind: row.kind as AttemptKind,
    correct: row.correct,
    score: row.score,
    response: row.response,
    expected: row.expected,
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
  return rows.map(toView);
}

/** Attempt count per question slug for one user (the list's status column). */
export async function attemptCountsBySlug(userId: string): Promise<Map<string, number>> {
  const groups = await prisma.attempt.groupBy({ by: ["questionId"], where: { userId }, _count: { _all: true } });
  if (groups.length === 0) return new Map();
  const questions = await prisma.question.findMany({
    where: { id: { in: groups.map((g) => g.questionId) } },
    select: { id: true, slug: true },
  });
  const slugById = new Map(questions.map((q) => [q.id, q.slug]));
  return new Map(groups.map((g) => [slugById.get(g.questionId) ?? g.questionId, g._count._all]));
}
