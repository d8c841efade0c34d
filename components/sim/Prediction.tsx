/**
 * Prediction questions: the form that commits a prediction (before the answer), and the result
 * view after it: "you predicted X, the model says Y", with the run's chart and the prediction
 * marked on it (a line at the predicted layer/step, a point at the predicted ratio, or the
 * chosen option named in the legend).
 */
import { getTranslations } from "next-intl/server";
import type { Marker } from "@/components/charts/LogLines";
import { ActionForm, SubmitButton } from "@/components/ui/ActionForm";
import type { LabeledResult, ProfileAxis } from "@/lib/charts/series";
import type { PredictionSpec } from "@/lib/content/schema";
import {
  gradientProfile,
  LOG10_ANSWER_LIMIT,
  predictionAxis,
  VERDICTS_IN_ORDER,
  YES_NO,
} from "@/lib/grading/prediction";
import type { Locale } from "@/lib/i18n/locales";
import type { Verdict } from "@/lib/sim";
import type { ConfigRuns } from "@/lib/sim-service/simulations.server";
import type { FormAction } from "@/lib/ui/form-state";
import { RunCharts } from "./RunCharts";
import styles from "./sim.module.css";

type T = Awaited<ReturnType<typeof getTranslations<"prediction">>>;

export async function PredictionForm({
  slug,
  spec,
  lang,
  action,
}: {
  slug: string;
  spec: PredictionSpec;
  lang: Locale;
  action: FormAction;
}) {
  const t = await getTranslations("prediction");
  const { axis, count: n } = predictionAxis(spec);
  const radios = (options: { value: string; label: string }[]) => (
    <fieldset>
      <legend>{t(`ask_${spec.kind}`)}</legend>
      {options.map((o) => (
        <label key={o.value}>
          <input type="radio" name="answer" value={o.value} required /> {o.label}
        </label>
      ))}
    </fieldset>
  );
  let field: React.ReactNode;
  switch (spec.kind) {
    case "verdict":
      field = radios(VERDICTS_IN_ORDER.map((v) => ({ value: v, label: t(`verdict_${v}`) })));
      break;
    case "smallestGradient":
      field = (
        <fieldset>
          <legend>{t(`ask_smallestGradient_${axis}`, { n })}</legend>
          <label>
            {t(`${axis}Input`, { n })}{" "}
            <input type="number" name="answer" min={1} max={n} step={1} required inputMode="numeric" />
          </label>
        </fieldset>
      );
      break;
    case "log10GradRatio":
      field = (
        <fieldset>
          <legend>{t("ask_log10GradRatio")}</legend>
          <label>
            {t("log10Input", { tolerance: spec.tolerance })}{" "}
            <input type="number" name="answer" min={-LOG10_ANSWER_LIMIT} max={LOG10_ANSWER_LIMIT} step="any" required />
          </label>
        </fieldset>
      );
      break;
    case "lossDecreases":
      field = radios((Object.keys(YES_NO) as (keyof typeof YES_NO)[]).map((v) => ({ value: v, label: t(v) })));
      break;
    case "healthiest":
      field = radios(spec.options.map((o) => ({ value: o.id, label: o.label[lang] })));
      break;
  }
  return (
    <section aria-labelledby="predict-heading" className="panel">
      <h2 id="predict-heading">{t("heading")}</h2>
      <p className="muted">{t("intro")}</p>
      <ActionForm action={action} className={styles.predictionForm} aria-label={t("heading")}>
        <input type="hidden" name="slug" value={slug} />
        {field}
        <SubmitButton>{t("commit")}</SubmitButton>
      </ActionForm>
    </section>
  );
}

/** How an answer (the learner's or the engine's) reads in the page's language. */
function describeAnswer(spec: PredictionSpec, answer: unknown, lang: Locale, t: T): string {
  switch (spec.kind) {
    case "verdict":
      return typeof answer === "string" ? t(`verdict_${answer as Verdict}`) : "—";
    case "smallestGradient":
      return t(`${predictionAxis(spec).axis}N`, { n: String(answer) });
    case "log10GradRatio":
      return typeof answer === "number" ? answer.toFixed(2) : t("notFinite");
    case "lossDecreases":
      return answer === true ? t("lossFalls") : t("lossDoesNotFall");
    case "healthiest":
      return spec.options.find((o) => o.id === answer)?.label[lang] ?? String(answer);
  }
}

export type StoredPrediction = { answer: unknown; expected: unknown; correct: boolean | null };

/** The result view; `simulations` are the question's runs (predictionConfigs), started by the page. */
export async function PredictionResult({
  spec,
  lang,
  attempt,
  simulations,
}: {
  spec: PredictionSpec;
  lang: Locale;
  attempt: StoredPrediction | null;
  simulations: Promise<ConfigRuns>;
}) {
  const [t, outcome] = await Promise.all([getTranslations("prediction"), simulations]);
  if (!outcome.ok) return <p className="form-error">{t("engineFailed")}</p>;
  const { results } = outcome;
  const answer = attempt?.answer;
  const runs: LabeledResult[] = results.map((result, i) => {
    const option = spec.kind === "healthiest" ? spec.options[i] : undefined;
    const base = option ? option.label[lang] : t("theModel");
    const picked = option && option.id === answer;
    return {
      id: `p${i}`,
      label: picked ? `${base} (${t("yourPick")})` : base,
      role: option ? "option" : "config",
      result,
    };
  });

  let marker: (Marker & { axis: ProfileAxis }) | undefined;
  const first = results[0];
  if (attempt && first) {
    const axis = predictionAxis(spec).axis;
    if (spec.kind === "smallestGradient" && typeof answer === "number")
      marker = { type: "x", x: answer, label: t("yourPrediction"), axis };
    if (spec.kind === "log10GradRatio" && typeof answer === "number") {
      const profile = gradientProfile(first);
      const last = profile[profile.length - 1];
      if (typeof last === "number" && last > 0)
        marker = { type: "point", x: 1, y: last * 10 ** answer, label: t("yourPrediction"), axis };
    }
  }
  const expected = (attempt?.expected as { answer?: unknown } | null | undefined)?.answer;
  return (
    <section id="prediction-result" aria-labelledby="prediction-heading" className={styles.prediction}>
      <h3 id="prediction-heading">{t("resultHeading")}</h3>
      {attempt ? (
        <p
          role="status"
          data-testid="prediction-result"
          className={`${styles.outcome} ${attempt.correct ? styles.correct : styles.wrong}`}
        >
          {t("youPredicted", {
            answer: describeAnswer(spec, answer, lang, t),
            expected: describeAnswer(spec, expected, lang, t),
          })}{" "}
          {attempt.correct ? t("correct") : t("incorrect")}
          {spec.kind === "log10GradRatio" ? ` ${t("tolerance", { tolerance: spec.tolerance })}` : ""}
        </p>
      ) : (
        <p className="muted">{t("noPrediction")}</p>
      )}
      <RunCharts runs={runs} marker={marker} testId="prediction-charts" />
    </section>
  );
}
