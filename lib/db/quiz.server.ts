/**
 * Quiz sessions: creating a quiz from settings, answering it one question at a time, and its
 * summary, a retry of its mistakes. Where the learner is comes from the attempts stored with the
 * session (the number answered), so a reload resumes exactly there. Every read and write is scoped
 * to the owner: another user's quiz id behaves as if it did not exist.
 *
 * Scores: a choice or a prediction is right (1) or wrong (0); a self-graded recall earns its
 * grade — "All of it" 1, "Partly" 0.5, "Missed it" 0 — and only 1 counts as correct. A quiz's
 * score is the mean of its answers' scores.
 */
import "server-only";
import type { z } from "zod";
import type { Topic } from "@/lib/content/schema";
import { choiceAttempt, gradeChoice } from "@/lib/grading/choice";
import type { PredictionAnswer, PredictionGrade } from "@/lib/grading/prediction";
import type { Locale } from "@/lib/i18n/locales";
import { type AttemptPayload, readAttemptPayload } from "@/lib/progress/attempt-payloads";
import { QUIZ_TYPES, QuizQuestionsSchema, type QuizSettings, StoredQuizSettingsSchema } from "@/lib/quiz/settings";
import { seededShuffle } from "@/lib/quiz/shuffle";
import { prisma } from "./client.server";
import { gradingSpecOf } from "./questions.server";
import { writeTransaction } from "./transaction";

export type QuizAnswerView = {
  slug: string;
  kind: "choice" | "recall" | "prediction";
  correct: boolean;
  score: number;
  /** choice: the selected option ids */
  selected: string[];
  /** prediction: the learner's answer and what the engine computed */
  prediction: { answer: unknown; expected: unknown } | null;
};

export type QuizRun = {
  id: string;
  slugs: string[];
  /** answers in question order (only the answered ones) */
  answers: QuizAnswerView[];
  /** 0-based index of the next question to answer; equals slugs.length when all are answered */
  position: number;
  finished: boolean;
  score: number | null;
};

export type QuizSummary = {
  total: number;
  correct: number;
  /** answers with partial credit (a recall graded "Partly") */
  partly: number;
  /** the mean score in [0, 1] */
  score: number;
  byTopic: { topic: Topic; total: number; correct: number }[];
  /** every question not fully right (partly right ones marked), in quiz order */
  mistakes: { slug: string; title: string; topic: Topic; partly: boolean }[];
};

export type QuizAnswerInput =
  | { kind: "choice"; options: string[] }
  | { kind: "recall"; score: 0 | 0.5 | 1 }
  /** graded by the caller, who ran the engine (lib/grading/prediction.ts) */
  | { kind: "prediction"; answer: PredictionAnswer; grade: PredictionGrade };

export type QuizAnswerResult =
  | { ok: true; duplicate: boolean; finished: boolean }
  | { ok: false; error: "notFound" | "finished" | "notCurrent" | "wrongKind" | "unknownOption" };

type ChoiceResponse = AttemptPayload<"choice">["response"] | null;
type PredictionPayload = {
  response: AttemptPayload<"prediction">["response"] | null;
  expected: AttemptPayload<"prediction">["expected"] | null;
};
const ANSWER_KINDS = ["choice", "recall", "prediction"] as const;
const isAnswerKind = (k: string): k is QuizAnswerView["kind"] => (ANSWER_KINDS as readonly string[]).includes(k);

/** A stored prediction attempt's answer and the engine's, undefined where the row is not one the app writes. */
function predictionOf(response: unknown, expected: unknown): { answer: unknown; expected: unknown } {
  const payload = readAttemptPayload("prediction", response, expected) as PredictionPayload;
  return { answer: payload.response?.answer, expected: payload.expected?.answer };
}

/** How many quiz-able questions each topic × difficulty × type has (for the setup form). */
export async function quizCandidateCounts(): Promise<
  { topic: Topic; difficulty: number; type: string; count: number }[]
> {
  const groups = await prisma.question.groupBy({
    by: ["topic", "difficulty", "type"],
    where: { published: true, type: { in: [...QUIZ_TYPES] } },
    _count: { _all: true },
  });
  return groups.map((g) => ({ topic: g.topic as Topic, difficulty: g.difficulty, type: g.type, count: g._count._all }));
}

/**
 * Creates a quiz for `userId`: the questions matching the settings, shuffled by `seed`, the first
 * `length` of them (fewer when fewer match).
 */
export async function createQuiz(
  userId: string,
  settings: QuizSettings,
  seed: number,
): Promise<{ ok: true; id: string; length: number } | { ok: false; error: "noMatch" }> {
  const rows = await prisma.question.findMany({
    where: {
      published: true,
      topic: { in: settings.topics },
      difficulty: { in: settings.difficulties },
      type: { in: settings.types },
    },
    orderBy: { slug: "asc" },
    select: { slug: true },
  });
  if (rows.length === 0) return { ok: false, error: "noMatch" };
  const slugs = seededShuffle(
    rows.map((r) => r.slug),
    seed,
  ).slice(0, settings.length);
  return storeQuiz(userId, slugs, { ...settings, seed });
}

async function storeQuiz(
  userId: string,
  slugs: string[],
  settings: z.input<typeof StoredQuizSettingsSchema>,
): Promise<{ ok: true; id: string; length: number }> {
  const stored = StoredQuizSettingsSchema.parse(settings);
  const quiz = await prisma.quizSession.create({
    data: { userId, settings: stored, questionIds: slugs },
    select: { id: true },
  });
  return { ok: true, id: quiz.id, length: slugs.length };
}

/**
 * A new quiz of the questions `quizId` did not get fully right (reshuffled by `seed`), with the
 * same settings; null when the quiz is not the owner's or has no mistakes.
 */
export async function createRetryQuiz(
  userId: string,
  quizId: string,
  seed: number,
): Promise<{ ok: true; id: string; length: number } | null> {
  const quiz = await prisma.quizSession.findFirst({ where: { id: quizId, userId }, select: { settings: true } });
  const summary = quiz ? await getQuizSummary(userId, quizId, "en") : null;
  if (!quiz || !summary || summary.mistakes.length === 0) return null;
  const before = StoredQuizSettingsSchema.parse(quiz.settings);
  const slugs = seededShuffle(
    summary.mistakes.map((m) => m.slug),
    seed,
  );
  return storeQuiz(userId, slugs, { ...before, seed, length: slugs.length, retryOf: quizId });
}

type Db = Pick<typeof prisma, "quizSession" | "attempt" | "question">;

async function loadRun(
  db: Db,
  userId: string,
  quizId: string,
): Promise<(QuizRun & { questionIdBySlug: Map<string, string> }) | null> {
  const quiz = await db.quizSession.findFirst({
    where: { id: quizId, userId },
    select: {
      id: true,
      questionIds: true,
      finishedAt: true,
      score: true,
      attempts: {
        where: { userId },
        orderBy: { createdAt: "asc" },
        select: {
          kind: true,
          correct: true,
          score: true,
          response: true,
          expected: true,
          question: { select: { id: true, slug: true } },
        },
      },
    },
  });
  if (!quiz) return null;
  // a quiz whose stored list is not one the app writes reads as no quiz at all
  const stored = QuizQuestionsSchema.safeParse(quiz.questionIds);
  if (!stored.success) return null;
  const slugs = stored.data;
  const bySlug = new Map<string, QuizAnswerView>();
  for (const a of quiz.attempts) {
    if (bySlug.has(a.question.slug)) continue; // the first answer counts
    if (!isAnswerKind(a.kind)) continue;
    bySlug.set(a.question.slug, {
      slug: a.question.slug,
      kind: a.kind,
      correct: a.correct === true,
      score: a.score ?? 0,
      selected:
        a.kind === "choice"
          ? ((readAttemptPayload("choice", a.response, null).response as ChoiceResponse)?.selected ?? [])
          : [],
      prediction: a.kind === "prediction" ? predictionOf(a.response, a.expected) : null,
    });
  }
  const answers = slugs.flatMap((s) => {
    const a = bySlug.get(s);
    return a ? [a] : [];
  });
  const firstOpen = slugs.findIndex((s) => !bySlug.has(s));
  const questions = await db.question.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
  return {
    id: quiz.id,
    slugs,
    answers,
    position: firstOpen === -1 ? slugs.length : firstOpen,
    finished: quiz.finishedAt !== null,
    score: quiz.score,
    questionIdBySlug: new Map(questions.map((q) => [q.slug, q.id])),
  };
}

/** The quiz and where its owner is in it; null when it does not exist or belongs to someone else. */
export async function getQuizRun(userId: string, quizId: string): Promise<QuizRun | null> {
  const run = await loadRun(prisma, userId, quizId);
  if (!run) return null;
  const { questionIdBySlug: _ignored, ...view } = run;
  return view;
}

/**
 * Records the answer to the current question. Answering a question already answered in this
 * session is ignored (idempotent: a double submit or a back-button resubmit stores one attempt);
 * answering any other question than the current one is refused. The last answer finishes the
 * quiz: finishedAt and score (fraction correct) are set in the same transaction.
 */
export async function answerQuiz(
  userId: string,
  quizId: string,
  slug: string,
  answer: QuizAnswerInput,
): Promise<QuizAnswerResult> {
  // One learner's answers run one after another on every app server (lib/db/transaction.ts), so a
  // double submit finds the first answer; UNIQUE (quizSessionId, questionId) is the last guard,
  // and a collision with it is retried (the retry reports a duplicate).
  return writeTransaction(
    prisma,
    async (tx): Promise<QuizAnswerResult> => {
      const run = await loadRun(tx, userId, quizId);
      if (!run) return { ok: false, error: "notFound" } as const;
      if (run.answers.some((a) => a.slug === slug))
        return { ok: true, duplicate: true, finished: run.finished } as const;
      if (run.finished || run.position >= run.slugs.length) return { ok: false, error: "finished" } as const;
      if (run.slugs[run.position] !== slug) return { ok: false, error: "notCurrent" } as const;

      const row = await tx.question.findUnique({ where: { slug }, select: { id: true, type: true, spec: true } });
      if (!row) return { ok: false, error: "notFound" } as const;
      const question = gradingSpecOf(row);

      let data: { kind: QuizAnswerView["kind"]; correct: boolean; score: number; response: object; expected?: object };
      if (answer.kind === "choice") {
        if (question.type !== "choice") return { ok: false, error: "wrongKind" } as const;
        const graded = gradeChoice(question.choice, answer.options);
        if (!graded.ok) return { ok: false, error: "unknownOption" } as const;
        data = { kind: "choice", ...choiceAttempt(graded) };
      } else if (answer.kind === "prediction") {
        if (question.type !== "prediction") return { ok: false, error: "wrongKind" } as const;
        const { grade } = answer;
        data = {
          kind: "prediction",
          correct: grade.correct,
          score: grade.correct ? 1 : 0,
          response: { answer: answer.answer },
          // the shape lib/progress/attempt-payloads.ts reads back (actual: absent, never null)
          expected: { answer: grade.expected, actual: grade.actual },
        };
      } else {
        if (question.type !== "flashcard") return { ok: false, error: "wrongKind" } as const;
        data = { kind: "recall", correct: answer.score === 1, score: answer.score, response: { score: answer.score } };
      }
      await tx.attempt.create({ data: { userId, questionId: question.id, quizSessionId: quizId, ...data } });

      const finished = run.position + 1 >= run.slugs.length;
      if (finished) {
        const points = run.answers.reduce((sum, a) => sum + a.score, 0) + data.score;
        await tx.quizSession.update({
          where: { id: quizId },
          data: { finishedAt: new Date(), score: points / run.slugs.length },
        });
      }
      return { ok: true, duplicate: false, finished } as const;
    },
    { retryUniqueViolations: true, serializeOn: userId },
  );
}

/** Score, score by topic and the mistakes of a quiz, in `lang`; null when not the owner's. */
export async function getQuizSummary(userId: string, quizId: string, lang: Locale): Promise<QuizSummary | null> {
  const run = await getQuizRun(userId, quizId);
  if (!run) return null;
  const questions = await prisma.question.findMany({
    where: { slug: { in: run.slugs } },
    select: { slug: true, topic: true, translations: { where: { lang }, select: { title: true } } },
  });
  const info = new Map(
    questions.map((q) => [q.slug, { topic: q.topic as Topic, title: q.translations[0]?.title ?? q.slug }]),
  );
  const answered = new Map(run.answers.map((a) => [a.slug, a]));
  const byTopic = new Map<Topic, { topic: Topic; total: number; correct: number }>();
  const mistakes: QuizSummary["mistakes"] = [];
  let correct = 0;
  let partly = 0;
  let points = 0;
  for (const slug of run.slugs) {
    const q = info.get(slug);
    if (!q) continue;
    const answer = answered.get(slug);
    const ok = answer?.correct === true;
    const score = answer?.score ?? 0;
    points += score;
    if (ok) correct++;
    else {
      if (score > 0) partly++;
      mistakes.push({ slug, title: q.title, topic: q.topic, partly: score > 0 });
    }
    const t = byTopic.get(q.topic) ?? { topic: q.topic, total: 0, correct: 0 };
    t.total++;
    if (ok) t.correct++;
    byTopic.set(q.topic, t);
  }
  const total = run.slugs.length;
  return {
    total,
    correct,
    partly,
    score: total === 0 ? 0 : points / total,
    byTopic: [...byTopic.values()].sort((a, b) => a.topic.localeCompare(b.topic)),
    mistakes,
  };
}

/** The ids of the questions a quiz did not get fully right; null when it is not the owner's. */
export async function getQuizMistakeIds(userId: string, quizId: string): Promise<string[] | null> {
  const summary = await getQuizSummary(userId, quizId, "en");
  if (!summary) return null;
  const rows = await prisma.question.findMany({
    where: { slug: { in: summary.mistakes.map((m) => m.slug) } },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
