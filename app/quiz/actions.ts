"use server";
/**
 * Quiz actions: start a quiz from the setup form, answer its current question (a prediction is
 * graded by running the engine, as on its page), retry its mistakes, add them to the flashcards.
 * Each validates its form with zod and answers bad input with a message (never a throw); success
 * redirects.
 */
import { randomInt } from "node:crypto";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { getCurrentUser, getOrCreateUser, isGuestRefused } from "@/lib/accounts/current-user.server";
import { OptionIdSchema, QuestionSlugSchema } from "@/lib/content/schema";
import { queueForReview } from "@/lib/db/cards.server";
import { getGradingSpec } from "@/lib/db/questions.server";
import { answerQuiz, createQuiz, createRetryQuiz, getQuizMistakeIds, type QuizAnswerInput } from "@/lib/db/quiz.server";
import { gradePrediction, parseFormAnswer } from "@/lib/grading/prediction";
import { RecallScoreSchema } from "@/lib/grading/recall";
import { parseQuizForm } from "@/lib/quiz/settings";
import { runSimulation } from "@/lib/sim-service/simulations.server";
import type { FormState } from "@/lib/ui/form-state";

const QUIZ_ERROR_KEYS = [
  "badTopic",
  "noTopic",
  "badDifficulty",
  "noDifficulty",
  "badType",
  "noType",
  "badLength",
  "noMatch",
  "notFound",
  "finished",
  "notCurrent",
  "wrongKind",
  "unknownOption",
  "chooseOption",
  "badRecall",
  "badForm",
  "badPrediction",
  "engineFailed",
  "noMistakes",
] as const;
type QuizErrorKey = (typeof QUIZ_ERROR_KEYS)[number];

async function fail(key: string): Promise<FormState> {
  const t = await getTranslations("quiz.errors");
  const known = (QUIZ_ERROR_KEYS as readonly string[]).includes(key) ? (key as QuizErrorKey) : "badForm";
  return { ok: false, message: t(known) };
}

export async function startQuiz(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return fail("badForm");
  const parsed = parseQuizForm(formData);
  if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? "badForm");
  const user = await getOrCreateUser();
  if (isGuestRefused(user)) return { ok: false, message: (await getTranslations("actions"))("tooManyGuests") };
  const created = await createQuiz(user.id, parsed.data, randomInt(0, 2 ** 31));
  if (!created.ok) return fail(created.error);
  redirect(`/quiz/${created.id}`);
}

const Id = z.string().min(1).max(64);
const ChoiceForm = z.object({ quizId: Id, slug: QuestionSlugSchema, options: z.array(OptionIdSchema).max(8) });
const RecallForm = z.object({ quizId: Id, slug: QuestionSlugSchema, score: RecallScoreSchema });

async function submit(quizId: string, slug: string, answer: QuizAnswerInput): Promise<FormState> {
  // Only an existing owner can answer: no user means no quiz of theirs.
  const user = await getCurrentUser();
  if (!user) return fail("notFound");
  const result = await answerQuiz(user.id, quizId, slug, answer);
  if (!result.ok) return fail(result.error);
  redirect(`/quiz/${quizId}?answered=${encodeURIComponent(slug)}`);
}

export async function answerQuizChoice(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return fail("badForm");
  const parsed = ChoiceForm.safeParse({
    quizId: formData.get("quizId"),
    slug: formData.get("slug"),
    options: formData.getAll("option"),
  });
  if (!parsed.success) return fail("badForm");
  if (parsed.data.options.length === 0) return fail("chooseOption");
  return submit(parsed.data.quizId, parsed.data.slug, { kind: "choice", options: parsed.data.options });
}

const PredictionForm = z.object({ quizId: Id, slug: QuestionSlugSchema });

export async function answerQuizPrediction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return fail("badForm"); // posted by hand: not a form
  const parsed = PredictionForm.safeParse({ quizId: formData.get("quizId"), slug: formData.get("slug") });
  if (!parsed.success) return fail("badForm");
  const question = await getGradingSpec(parsed.data.slug);
  if (question?.type !== "prediction") return fail("wrongKind");
  const answer = parseFormAnswer(question.prediction, formData.get("answer"));
  if (answer === null) {
    const t = await getTranslations("prediction");
    return { ok: false, message: t(`invalid_${question.prediction.kind}`) };
  }
  let grade: Awaited<ReturnType<typeof gradePrediction>>;
  try {
    grade = await gradePrediction(question.prediction, answer, runSimulation);
  } catch {
    return fail("engineFailed");
  }
  return submit(parsed.data.quizId, parsed.data.slug, { kind: "prediction", answer, grade });
}

const QuizIdForm = z.object({ quizId: Id });

/** "Retry mistakes": a new quiz of the questions this one did not get fully right. */
export async function retryMistakes(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return fail("notFound"); // posted by hand: not a form
  const parsed = QuizIdForm.safeParse({ quizId: formData.get("quizId") });
  const user = await getCurrentUser();
  if (!parsed.success || !user) return fail("notFound");
  const created = await createRetryQuiz(user.id, parsed.data.quizId, randomInt(0, 2 ** 31));
  if (!created) return fail("noMistakes");
  redirect(`/quiz/${created.id}`);
}

/** "Add mistakes to flashcards": the quiz's mistakes go in front of the review queue now. */
export async function addMistakesToFlashcards(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return fail("notFound"); // posted by hand: not a form
  const parsed = QuizIdForm.safeParse({ quizId: formData.get("quizId") });
  const user = await getCurrentUser();
  if (!parsed.success || !user) return fail("notFound");
  const ids = await getQuizMistakeIds(user.id, parsed.data.quizId);
  if (ids === null) return fail("notFound");
  if (ids.length === 0) return fail("noMistakes");
  const { added, madeDue } = await queueForReview(user.id, ids);
  const t = await getTranslations("quiz.summary");
  return { ok: true, message: t("addedToFlashcards", { count: ids.length, added, madeDue }) };
}

export async function answerQuizRecall(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return fail("badForm");
  const parsed = RecallForm.safeParse({
    quizId: formData.get("quizId"),
    slug: formData.get("slug"),
    score: formData.get("score"),
  });
  if (!parsed.success) return fail("badRecall");
  return submit(parsed.data.quizId, parsed.data.slug, {
    kind: "recall",
    score: Number(parsed.data.score) as 0 | 0.5 | 1,
  });
}
