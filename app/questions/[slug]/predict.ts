"use server";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { getOrCreateUser } from "@/lib/auth/guest.server";
import { type PredictionSpec, PredictionSpecSchema } from "@/lib/content/schema";
import { recordAttempt } from "@/lib/db/attempts.server";
import { prisma } from "@/lib/db/client.server";
/**
 * Committing a prediction: validate the answer for the question's kind (zod), run the engine
 * through the sim service, grade with lib/grading/prediction, store the attempt with both the
 * learner's answer and the computed one, then show the answer.
 */
import type { Prisma } from "@/lib/db/prisma";
import { gradePrediction, isValidAnswer } from "@/lib/grading/prediction";
import { parseSimConfig } from "@/lib/sim";
import { simService } from "@/lib/sim-service/index.server";

const SlugField = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(200);

/** The answer field's schema for a prediction kind (shared shape with the form's inputs). */
function answerSchema(spec: PredictionSpec) {
  const numeric = z.string().trim().min(1).max(40).transform(Number).pipe(z.number().finite());
  switch (spec.kind) {
    case "verdict":
      return z.enum(["vanishing", "healthy", "exploding"]);
    case "smallestGradient": {
      const c = spec.config as { model?: string; depth?: number; steps?: number };
      const n = (c.model === "mlp" ? c.depth : c.steps) ?? 1;
      return numeric.pipe(z.number().int().min(1).max(n));
    }
    case "log10GradRatio":
      return numeric.pipe(z.number().min(-400).max(400));
    case "lossDecreases":
      return z.enum(["yes", "no"]).transform((v) => v === "yes");
    case "healthiest":
      return z.enum(spec.options.map((o) => o.id) as [string, ...string[]]);
  }
}

export async function commitPrediction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const t = await getTranslations("prediction");
  const slug = SlugField.safeParse(formData.get("slug"));
  if (!slug.success) return { ok: false, error: t("badQuestion") };
  const question = await prisma.question.findFirst({
    where: { slug: slug.data, published: true },
    select: { id: true, type: true, spec: true },
  });
  if (question?.type !== "prediction") return { ok: false, error: t("badQuestion") };
  const spec = z.object({ prediction: PredictionSpecSchema }).parse(question.spec).prediction;

  const answer = answerSchema(spec).safeParse(formData.get("answer") ?? "");
  if (!answer.success || !isValidAnswer(spec, answer.data)) return { ok: false, error: t(`invalid_${spec.kind}`) };

  let grade: Awaited<ReturnType<typeof gradePrediction>>;
  try {
    grade = await gradePrediction(spec, answer.data, async (config) => {
      const parsed = parseSimConfig(config);
      if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join("; "));
      return simService.result(parsed.config);
    });
  } catch {
    return { ok: false, error: t("engineFailed") };
  }
  const user = await getOrCreateUser();
  await recordAttempt({
    userId: user.id,
    questionId: question.id,
    kind: "prediction",
    response: { answer: answer.data },
    // JSON round trip: Infinity/NaN in the measured quantities become null, as in the API
    expected: JSON.parse(JSON.stringify({ answer: grade.expected, actual: grade.actual })) as Prisma.InputJsonValue,
    correct: grade.correct,
    score: grade.correct ? 1 : 0,
  });
  redirect(`/questions/${slug.data}?answer=1#prediction-result`);
}
