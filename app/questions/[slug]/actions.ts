"use server";
/**
 * Answering a question. Each action validates its form with zod, records one attempt for the
 * current (possibly new guest) user and redirects to the answer; bad input returns a message.
 */
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { getOrCreateUser } from "@/lib/accounts/current-user.server";
import { ChoiceSpecSchema } from "@/lib/content/schema";
import { recordAttempt } from "@/lib/db/attempts.server";
import { prisma } from "@/lib/db/client.server";
import { gradeChoice } from "@/lib/grading/choice";
import { RecallScoreSchema } from "@/lib/grading/recall";
import type { FormState } from "@/lib/ui/form-state";

const SlugField = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(200);

const RevealForm = z.object({ slug: SlugField });
const RecallForm = z.object({ slug: SlugField, score: RecallScoreSchema });
const ChoiceForm = z.object({
  slug: SlugField,
  options: z
    .array(z.string().regex(/^[a-z]$/))
    .min(1)
    .max(8),
});

async function findQuestion(slug: string) {
  return prisma.question.findFirst({ where: { slug, published: true }, select: { id: true, type: true, spec: true } });
}

function answerUrl(slug: string): string {
  return `/questions/${slug}?answer=1#answer`;
}

export async function revealAnswer(_prev: FormState, formData: FormData): Promise<FormState> {
  const t = await getTranslations("actions");
  const parsed = RevealForm.safeParse({ slug: formData.get("slug") });
  if (!parsed.success) return { ok: false, message: t("badQuestion") };
  const question = await findQuestion(parsed.data.slug);
  if (!question) return { ok: false, message: t("badQuestion") };
  const user = await getOrCreateUser();
  await recordAttempt({ userId: user.id, questionId: question.id, kind: "reveal" });
  redirect(answerUrl(parsed.data.slug));
}

export async function gradeRecall(_prev: FormState, formData: FormData): Promise<FormState> {
  const t = await getTranslations("actions");
  const parsed = RecallForm.safeParse({ slug: formData.get("slug"), score: formData.get("score") });
  if (!parsed.success) return { ok: false, message: t("badRecall") };
  const question = await findQuestion(parsed.data.slug);
  if (!question) return { ok: false, message: t("badQuestion") };
  const user = await getOrCreateUser();
  const score = Number(parsed.data.score);
  await recordAttempt({ userId: user.id, questionId: question.id, kind: "recall", score, correct: score === 1 });
  redirect(answerUrl(parsed.data.slug));
}

export async function answerChoice(_prev: FormState, formData: FormData): Promise<FormState> {
  const t = await getTranslations("actions");
  const parsed = ChoiceForm.safeParse({ slug: formData.get("slug"), options: formData.getAll("option") });
  if (!parsed.success) {
    const missing = parsed.error.issues.some((i) => i.path[0] === "options");
    return { ok: false, message: missing ? t("chooseOption") : t("badQuestion") };
  }
  const question = await findQuestion(parsed.data.slug);
  if (question?.type !== "choice") return { ok: false, message: t("badQuestion") };
  const spec = z.object({ choice: ChoiceSpecSchema }).parse(question.spec);
  const graded = gradeChoice(spec.choice, parsed.data.options);
  if (!graded.ok) return { ok: false, message: t("unknownOption") };
  const user = await getOrCreateUser();
  await recordAttempt({
    userId: user.id,
    questionId: question.id,
    kind: "choice",
    response: { selected: graded.selected },
    expected: { correct: graded.expected },
    correct: graded.correct,
    score: graded.correct ? 1 : 0,
  });
  redirect(answerUrl(parsed.data.slug));
}
