/**
 * Progress rows written straight into the database (cards and quizzes belong to other features),
 * shaped as the app writes them (the schemas of lib/quiz/settings.ts, lib/progress/attempt-payloads.ts
 * and lib/flashcards/stored-card.ts), so an export of them imports again.
 */
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/client.server";
import { jsonNulls } from "@/lib/db/prisma";

let counter = 0;

export async function addProgress(userId: string, opts: { slugs?: string[]; day?: Date } = {}) {
  const questions = await prisma.question.findMany({
    where: opts.slugs ? { slug: { in: opts.slugs } } : {},
    orderBy: { position: "asc" },
    take: opts.slugs ? undefined : 3,
    select: { id: true, slug: true },
  });
  const day = opts.day ?? new Date("2026-11-20T10:00:00Z");
  const [q1, q2, q3] = questions;
  if (!q1 || !q2 || !q3) throw new Error("need three questions");
  const quiz = await prisma.quizSession.create({
    data: {
      userId,
      settings: { topics: ["fundamentals"], difficulties: [1], types: ["choice"], length: 5, seed: 7 },
      questionIds: [q1.slug, q2.slug],
      startedAt: day,
      finishedAt: new Date(day.getTime() + 60_000),
      score: 0.5,
    },
  });
  await prisma.attempt.createMany({
    data: [
      {
        userId,
        questionId: q1.id,
        kind: "choice",
        response: { selected: ["a"] },
        expected: { correct: ["a"] },
        correct: true,
        score: 1,
        quizSessionId: quiz.id,
        createdAt: day,
      },
      {
        userId,
        questionId: q2.id,
        kind: "choice",
        response: { selected: ["b"] },
        expected: { correct: ["a"] },
        correct: false,
        score: 0,
        quizSessionId: quiz.id,
        createdAt: new Date(day.getTime() + 1000),
      },
      { userId, questionId: q3.id, kind: "reveal", createdAt: new Date(day.getTime() + 2000) },
    ],
  });
  const card = await prisma.card.create({
    data: {
      userId,
      questionId: q1.id,
      due: new Date(day.getTime() + 3 * 86_400_000),
      stability: 3.2,
      difficulty: 5.1,
      elapsedDays: 0,
      scheduledDays: 3,
      learningSteps: 0,
      reps: 2,
      lapses: 0,
      state: 2,
      lastReview: day,
    },
  });
  for (const [i, rating] of [1, 3].entries()) {
    counter += 1;
    await prisma.reviewLog.create({
      data: {
        cardId: card.id,
        userId,
        requestId: `req-${counter}-${randomUUID()}`,
        rating,
        state: i === 0 ? 0 : 1,
        due: day,
        stability: 1 + i,
        difficulty: 5,
        elapsedDays: 0,
        lastElapsedDays: 0,
        scheduledDays: i,
        learningSteps: 0,
        review: new Date(day.getTime() - (1 - i) * 86_400_000),
        previousCard:
          i === 0
            ? jsonNulls(prisma).JsonNull // the first review created the card
            : {
                due: day.toISOString(),
                stability: 1,
                difficulty: 5,
                elapsedDays: 0,
                scheduledDays: 0,
                learningSteps: 0,
                reps: 1,
                lapses: 0,
                state: 1,
                lastReview: new Date(day.getTime() - 86_400_000).toISOString(),
              },
      },
    });
  }
  return { quizId: quiz.id, cardId: card.id, slugs: [q1.slug, q2.slug, q3.slug] };
}
