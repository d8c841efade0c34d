"use client";
/**
 * Settings' memory-model section (ADR 0028): which FSRS parameters schedule the learner's cards,
 * what the fitted ones predict next to what the learner recalled, and the two actions — fit to
 * my reviews now, or go back to the defaults.
 */
import { useFormatter, useTranslations } from "next-intl";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/ActionForm";
import { type FsrsFit, MIN_FIT_REVIEWS } from "@/lib/flashcards/fsrs-fit";
import { type FormAction, initialFormState } from "@/lib/ui/form-state";

export function MemoryModel({ fit, logs, action }: { fit: FsrsFit | null; logs: number; action: FormAction }) {
  const t = useTranslations("memoryModel");
  const format = useFormatter();
  const [state, formAction] = useActionState(action, initialFormState);
  const pct = (x: number) => format.number(x, { style: "percent", maximumFractionDigits: 1 });
  const date = fit ? format.dateTime(new Date(fit.at), { dateStyle: "medium" }) : "";
  let status: string;
  if (!fit) status = t("never", { logs });
  else if (fit.status === "fitted") status = t("fitted", { date, reviews: fit.reviews });
  else if (fit.status === "reset") status = t("reset", { date });
  else if (fit.reason === "no_better") status = t("noBetter", { date, reviews: fit.reviews });
  else status = t("tooFew", { date, reviews: fit.reviews, min: MIN_FIT_REVIEWS });
  return (
    <section aria-labelledby="memory-model" data-testid="memory-model" data-status={fit?.status ?? "none"}>
      <h2 id="memory-model">{t("title")}</h2>
      <p>{t("intro", { min: MIN_FIT_REVIEWS })}</p>
      <p data-testid="memory-model-status">{status}</p>
      {fit?.status === "fitted" ? (
        <>
          <p data-testid="memory-model-prediction">
            {t("prediction", {
              fitted: pct(fit.fitted.predicted),
              actual: pct(fit.fitted.actual),
              defaults: pct(fit.defaults.predicted),
            })}
          </p>
          <details>
            <summary>{t("parameters", { count: fit.parameters.length })}</summary>
            <code data-testid="memory-model-parameters">
              {fit.parameters.map((w) => format.number(w, { maximumFractionDigits: 4 })).join(", ")}
            </code>
          </details>
        </>
      ) : null}
      <form action={formAction} className="button-row">
        <SubmitButton name="intent" value="fit">
          {t("fit")}
        </SubmitButton>
        {fit?.status === "fitted" ? (
          <SubmitButton name="intent" value="reset" className="button secondary">
            {t("useDefaults")}
          </SubmitButton>
        ) : null}
      </form>
      {state.message ? <p role={state.ok ? "status" : "alert"}>{state.message}</p> : null}
    </section>
  );
}
