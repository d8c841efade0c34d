"use server";
/**
 * Committing an answer to a drill problem: checked, graded by the engine and stored once
 * (lib/drills/answer.server.ts), then back to the problem, which now shows its result. Bad input
 * gets a sentence in the learner's language. Next.js refuses a server action whose Origin is not
 * this site's host before it runs.
 */
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { submitDrillAnswer } from "@/lib/drill-service/answer.server";
import type { FormState } from "@/lib/ui/form-state";

export async function answerDrill(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) {
    // posted by hand: not a form
    const t = await getTranslations("drills");
    return { ok: false, message: t("error_body") };
  }
  const submitted = await submitDrillAnswer({
    family: formData.get("family"),
    seed: formData.get("seed"),
    answer: formData.get("answer"),
  });
  if (!submitted.ok) {
    const t = await getTranslations("drills");
    return { ok: false, message: t(submitted.key, submitted.values) };
  }
  const mixed = formData.get("mixed") === "1" ? "?mixed=1" : "";
  redirect(`/drills/${submitted.family}/${submitted.seed}${mixed}`);
}
