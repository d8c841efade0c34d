/**
 * Quiz sessions: creating a quiz from settings, answering it one question at a time, and its
 * summary. Where the learner is comes from the attempts stored with the session (the number
 * answered), so a reload resumes exactly there. Every read and write is scoped to the owner:
 * another user's quiz id behaves as if it did not exist.
 */
import "server-only";
import type { Topic } from "@/lib/content/schema";
import { choiceAttempt, gradeChoice } from "@/lib/grading/choice";
import type { Locale } from "@/lib/i18n/locales";
import { type AttemptPayload, readAttemptPayload } from "@/lib/progress/attempt-payloads";
import { QUIZ_TYPES, QuizQuestionsSchema, type QuizSettings, StoredQuizSettingsSchema } from "@/lib/quiz/settings";
import { seededShuffle } from "@/lib/quiz/shuffle";
import { prisma } from "./client.server";
import { gradingSpecOf } from "./questions.server";
import { writeTransaction } from "./transaction";

export type QuizAnswerView = {
  slug: string;
  kind: "choice" | "recall";
  correct: boolean;
  score: number;
  /** choice: the selected option ids */
  selected: string[];
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
  /** correct / total in [0, 1] */
  score: number;
  byTopic: { topic: Topic; total: number; correct: number }[];
  mistakes: { slug: string; title: string; topic: Topic }[];
};

export type QuizAnswerInput = { kind: "choice"; options: string[] } | { kind: "recall"; score: 0 | 0.5 | 1 };

export type QuizAnswerResult =
  | { ok: true; duplicate: boolean; finished: boolean }
  | { ok: false; error: "notFound" | "finished" | "notCurrent" | "wrongKind" | "unknownOption" };

type ChoiceResponse = AttemptPayload<"choice">["response"] | null;

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
  const stored = StoredQuizSettingsSchema.parse({ ...settings, seed });
  const quiz = await prisma.quizSession.create({
    data: { userId, settings: stored, questionIds: slugs },
    select: { id: true },
  });
  return { ok: true, id: quiz.id, length: slugs.length };
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
    if (a.kind !== "choice" && a.kind !== "recall") continue;
    bySlug.set(a.question.slug, {
      slug: a.question.slug,
      kind: a.kind,
      correct: a.correct === true,
      score: a.score ?? 0,
      selected:
        a.kind === "choice"
          ? ((readAttemptPayload("choice", a.response, null).response as ChoiceResponse)?.selected ?? [])
          : [],
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

      let data: { kind: "choice" | "recall"; correct: boolean; score: number; response: object; expected?: object };
      if (answer.kind === "choice") {
        if (question.type !== "choice") return { ok: false, error: "wrongKind" } as const;
        const graded = gradeChoice(question.choice, answer.options);
        if (!graded.ok) return { ok: false, error: "unknownOption" } as const;
        data = { kind: "choice", ...choiceAttempt(graded) };
      } else {
        if (question.type !== "flashcard") return { ok: false, error: "wrongKind" } as const;
        data = { kind: "recall", correct: answer.score === 1, score: answer.score, response: { score: answer.score } };
      }
      await tx.attempt.create({ data: { userId, questionId: question.id, quizSessionId: quizId, ...data } });

      const finished = run.position + 1 >= run.slugs.length;
      if (finished) {
        const correct = run.answers.filter((a) => a.correct).length + (data.correct ? 1 : 0);
        await tx.quizSession.update({
          where: { id: quizId },
          data: { finishedAt: new Date(), score: correct / run.slugs.length },
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
  for (const slug of run.slugs) {
    const q = info.get(slug);
    if (!q) continue;
    const ok = answered.get(slug)?.correct === true;
    if (ok) correct++;
    else mistakes.push({ slug, title: q.title, topic: q.topic });
    const t = byTopic.get(q.topic) ?? { topic: q.topic, total: 0, correct: 0 };
    t.total++;
    if (ok) t.correct++;
    byTopic.set(q.topic, t);
  }
  const total = run.slugs.length;
  return {
    total,
    correct,
    score: total === 0 ? 0 : correct / total,
    byTopic: [...byTopic.values()].sort((a, b) => a.topic.localeCompare(b.topic)),
    mistakes,
  };
}
