"use server";
/**
 * Answering a question on its page: revealing the answer, grading one's own recall, choosing
 * options, committing a prediction. Each validates its form with zod, records one attempt for
 * the current (possibly new guest) learner and redirects to the answer — except the self-grade,
 * which answers in place so the page stays where the learner is; bad input — a form with the
 * wrong fields, or arguments that are not a form at all (an action can be posted by hand) — gets
 * a message.
 */
import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { getOrCreateUser, isGuestRefused } from "@/lib/accounts/current-user.server";
import { OptionIdSchema, QuestionSlugSchema } from "@/lib/content/schema";
import { recordAttempt } from "@/lib/db/attempts.server";
import { getGradingSpec } from "@/lib/db/questions.server";
import { choiceAttempt, gradeChoice } from "@/lib/grading/choice";
import { gradePrediction, parseFormAnswer } from "@/lib/grading/prediction";
import { RecallScoreSchema } from "@/lib/grading/recall";
import { runSimulation } from "@/lib/sim-service/simulations.server";
import type { FormState } from "@/lib/ui/form-state";

const RevealForm = z.object({ slug: QuestionSlugSchema });
const RecallForm = z.object({ slug: QuestionSlugSchema, score: RecallScoreSchema });
const ChoiceForm = z.object({ slug: QuestionSlugSchema, options: z.array(OptionIdSchema).min(1).max(8) });

function answerUrl(slug: string, anchor = "answer"): string {
  return `/questions/${slug}?answer=1#${anchor}`;
}

export async function revealAnswer(_prev: FormState, formData: FormData): Promise<FormState> {
  const t = await getTranslations("actions");
  if (!(formData instanceof FormData)) return { ok: false, message: t("badQuestion") };
  const parsed = RevealForm.safeParse({ slug: formData.get("slug") });
  if (!parsed.success) return { ok: false, message: t("badQuestion") };
  const question = await getGradingSpec(parsed.data.slug);
  if (!question) return { ok: false, message: t("badQuestion") };
  const user = await getOrCreateUser();
  if (isGuestRefused(user)) return { ok: false, message: t("tooManyGuests") };
  await recordAttempt({ userId: user.id, questionId: question.id, kind: "reveal" });
  redirect(answerUrl(parsed.data.slug));
}

export async function gradeRecall(_prev: FormState, formData: FormData): Promise<FormState> {
  const t = await getTranslations("actions");
  if (!(formData instanceof FormData)) return { ok: false, message: t("badRecall") };
  const parsed = RecallForm.safeParse({ slug: formData.get("slug"), score: formData.get("score") });
  if (!parsed.success) return { ok: false, message: t("badRecall") };
  const question = await getGradingSpec(parsed.data.slug);
  if (!question) return { ok: false, message: t("badQuestion") };
  const user = await getOrCreateUser();
  if (isGuestRefused(user)) return { ok: false, message: t("tooManyGuests") };
  const score = Number(parsed.data.score);
  await recordAttempt({ userId: user.id, questionId: question.id, kind: "recall", score, correct: score === 1 });
  refresh(); // the attempts list and the stored grade, re-read without moving the page
  return { ok: true, message: (await getTranslations("question"))("saved") };
}

export async function answerChoice(_prev: FormState, formData: FormData): Promise<FormState> {
  const t = await getTranslations("actions");
  if (!(formData instanceof FormData)) return { ok: false, message: t("badQuestion") };
  const parsed = ChoiceForm.safeParse({ slug: formData.get("slug"), options: formData.getAll("option") });
  if (!parsed.success) {
    const missing = parsed.error.issues.some((i) => i.path[0] === "options");
    return { ok: false, message: missing ? t("chooseOption") : t("badQuestion") };
  }
  const question = await getGradingSpec(parsed.data.slug);
  if (question?.type !== "choice") return { ok: false, message: t("badQuestion") };
  const graded = gradeChoice(question.choice, parsed.data.options);
  if (!graded.ok) return { ok: false, message: t("unknownOption") };
  const user = await getOrCreateUser();
  if (isGuestRefused(user)) return { ok: false, message: t("tooManyGuests") };
  await recordAttempt({ userId: user.id, questionId: question.id, kind: "choice", ...choiceAttempt(graded) });
  redirect(answerUrl(parsed.data.slug));
}

/**
 * Committing a prediction: the answer is validated for the question's kind, the engine runs
 * through the sim service, and the attempt stores both the learner's answer and the computed one.
 */
export async function commitPrediction(_prev: FormState, formData: FormData): Promise<FormState> {
  const t = await getTranslations("prediction");
  if (!(formData instanceof FormData)) return { ok: false, message: t("badQuestion") };
  const slug = QuestionSlugSchema.safeParse(formData.get("slug"));
  if (!slug.success) return { ok: false, message: t("badQuestion") };
  const question = await getGradingSpec(slug.data);
  if (question?.type !== "prediction") return { ok: false, message: t("badQuestion") };
  const spec = question.prediction;
  const answer = parseFormAnswer(spec, formData.get("answer"));
  if (answer === null) return { ok: false, message: t(`invalid_${spec.kind}`) };

  let grade: Awaited<ReturnType<typeof gradePrediction>>;
  try {
    grade = await gradePrediction(spec, answer, runSimulation);
  } catch {
    return { ok: false, message: t("engineFailed") };
  }
  const user = await getOrCreateUser();
  if (isGuestRefused(user)) return { ok: false, message: (await getTranslations("actions"))("tooManyGuests") };
  await recordAttempt({
    userId: user.id,
    questionId: question.id,
    kind: "prediction",
    response: { answer },
    expected: { answer: grade.expected, actual: grade.actual },
    correct: grade.correct,
    score: grade.correct ? 1 : 0,
  });
  redirect(answerUrl(slug.data, "prediction-result"));
}
