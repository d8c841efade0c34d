"use server";
/**
 * Quiz actions: start a quiz from the setup form, and answer its current question. Each validates
 * its form with zod and answers bad input with a message (never a throw); success redirects.
 */
import { randomInt } from "node:crypto";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { getCurrentUser, getOrCreateUser, isGuestRefused } from "@/lib/accounts/current-user.server";
import { OptionIdSchema, QuestionSlugSchema } from "@/lib/content/schema";
import { answerQuiz, createQuiz, type QuizAnswerInput } from "@/lib/db/quiz.server";
import { RecallScoreSchema } from "@/lib/grading/recall";
import { parseQuizForm } from "@/lib/quiz/settings";
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
