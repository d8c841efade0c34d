/**
 * Prediction questions: the form that commits a prediction (before the answer), and after it the
 * outcome ("you predicted X, the model says Y", the streak, the next prediction) and the run's
 * chart with both answers marked on it: the learner's (dashed) and the model's (solid) — a line at
 * the layer/step, a point at the ratio, a line the loss must fall below, or the options named.
 */
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Marker } from "@/components/charts/LogLines";
import { ActionForm, SubmitButton } from "@/components/ui/ActionForm";
import { PendingSkeleton } from "@/components/ui/Pending";
import type { LabeledResult } from "@/lib/charts/series";
import type { PredictionSpec } from "@/lib/content/schema";
import {
  gradientProfile,
  LOG10_ANSWER_LIMIT,
  outcomeOf,
  predictionAxis,
  VERDICTS_IN_ORDER,
  YES_NO,
} from "@/lib/grading/prediction";
import type { Locale } from "@/lib/i18n/locales";
import type { SimResult, Verdict } from "@/lib/sim";
import type { ConfigRuns } from "@/lib/sim-service/simulations.server";
import type { FormAction } from "@/lib/ui/form-state";
import { type AxisMarker, RunCharts } from "./RunCharts";
import styles from "./sim.module.css";

type T = Awaited<ReturnType<typeof getTranslations<"prediction">>>;

/** The answer field of a prediction question (radios, a layer/step number or a log10 estimate). */
export async function PredictionField({ spec, lang }: { spec: PredictionSpec; lang: Locale }) {
  // the locale comes from the caller, not from the request (the answer page renders inside "use cache")
  const t = await getTranslations({ locale: lang, namespace: "prediction" });
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
  switch (spec.kind) {
    case "verdict":
      return radios(VERDICTS_IN_ORDER.map((v) => ({ value: v, label: t(`verdict_${v}`) })));
    case "smallestGradient":
      return (
        <fieldset>
          <legend>{t(`ask_smallestGradient_${axis}`, { n })}</legend>
          <label>
            {t(`${axis}Input`, { n })}{" "}
            <input type="number" name="answer" min={1} max={n} step={1} required inputMode="numeric" />
          </label>
        </fieldset>
      );
    case "log10GradRatio":
      return (
        <fieldset>
          <legend>{t("ask_log10GradRatio")}</legend>
          <label>
            {t("log10Input", { tolerance: spec.tolerance })}{" "}
            <input type="number" name="answer" min={-LOG10_ANSWER_LIMIT} max={LOG10_ANSWER_LIMIT} step="any" required />
          </label>
        </fieldset>
      );
    case "lossDecreases":
      return radios((Object.keys(YES_NO) as (keyof typeof YES_NO)[]).map((v) => ({ value: v, label: t(v) })));
    case "healthiest":
      return radios(spec.options.map((o) => ({ value: o.id, label: o.label[lang] })));
  }
}

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
  const t = await getTranslations({ locale: lang, namespace: "prediction" });
  return (
    <section aria-labelledby="predict-heading" className="panel">
      <h2 id="predict-heading">{t("heading")}</h2>
      <p className="muted">{t("intro")}</p>
      <ActionForm action={action} className={styles.predictionForm} aria-label={t("heading")}>
        <input type="hidden" name="slug" value={slug} />
        <PredictionField spec={spec} lang={lang} />
        <SubmitButton>{t("commit")}</SubmitButton>
        <PendingSkeleton label={t("grading")} tall />
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

/**
 * What the learner did: the graded sentence, the streak and the next prediction (page-specific,
 * per learner); `charts` is the run's chart with both answers marked (PredictionCharts).
 */
export async function PredictionOutcome({
  spec,
  lang,
  attempt,
  streak,
  nextHref,
  charts,
}: {
  spec: PredictionSpec;
  lang: Locale;
  attempt: StoredPrediction | null;
  /** questions in a row predicted right on the first try (none shown: a quiz has its own progress) */
  streak?: number;
  /** the next prediction question to try, if any */
  nextHref?: string | null;
  charts: React.ReactNode;
}) {
  const t = await getTranslations({ locale: lang, namespace: "prediction" });
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
            answer: describeAnswer(spec, attempt.answer, lang, t),
            expected: describeAnswer(spec, expected, lang, t),
          })}{" "}
          {attempt.correct ? t("correct") : t("incorrect")}
          {spec.kind === "log10GradRatio" ? ` ${t("tolerance", { tolerance: spec.tolerance })}` : ""}
        </p>
      ) : (
        <p className="muted">{t("noPrediction")}</p>
      )}
      {(nextHref || streak !== undefined) && (
        <div className={styles.nextRow}>
          {nextHref && (
            <Link href={nextHref} className="button" data-testid="next-prediction">
              {t("next")}
            </Link>
          )}
          {streak !== undefined && (
            <span className={styles.streak} data-testid="prediction-streak" data-streak={streak}>
              {t("streak", { count: streak })}
            </span>
          )}
        </div>
      )}
      {charts}
      <p className="muted">
        {t(
          attempt || (spec.kind !== "smallestGradient" && spec.kind !== "log10GradRatio")
            ? `marks_${spec.kind}`
            : "marksModelOnly",
        )}
      </p>
    </section>
  );
}

/** The marks of both answers, and the runs' labels with the learner's pick and the model's answer named. */
function marks(
  spec: PredictionSpec,
  results: readonly SimResult[],
  answer: unknown,
  lang: Locale,
  t: T,
): { runs: LabeledResult[]; markers: AxisMarker[]; lossMarkers: Marker[] } {
  const expected = outcomeOf(spec, results).expected;
  const runs: LabeledResult[] = results.map((result, i) => {
    const option = spec.kind === "healthiest" ? spec.options[i] : undefined;
    const tags = [
      option && option.id === answer ? t("yourPick") : null,
      option && option.id === expected ? t("healthiestTag") : null,
    ].filter(Boolean);
    const base = option ? option.label[lang] : t("theModel");
    return {
      id: `p${i}`,
      label: tags.length > 0 ? `${base} (${tags.join(", ")})` : base,
      role: option ? "option" : "config",
      result,
    };
  });
  const markers: AxisMarker[] = [];
  const lossMarkers: Marker[] = [];
  const first = results[0];
  if (!first) return { runs, markers, lossMarkers };
  const axis = predictionAxis(spec).axis;
  const given = answer !== undefined && answer !== null;
  if (spec.kind === "smallestGradient" && typeof expected === "number") {
    const same = answer === expected;
    markers.push({
      type: "x",
      x: expected,
      label: t(same ? "markBoth" : "markSmallest", { n: expected }),
      tone: "model",
      axis,
    });
    if (given && !same && typeof answer === "number")
      markers.push({ type: "x", x: answer, label: t("yourPrediction"), tone: "learner", axis });
  }
  if (spec.kind === "log10GradRatio") {
    const profile = gradientProfile(first);
    const last = profile[profile.length - 1];
    const firstValue = profile[0];
    if (typeof firstValue === "number" && firstValue > 0 && Number.isFinite(firstValue) && typeof expected === "number")
      markers.push({
        type: "point",
        x: 1,
        y: firstValue,
        label: t("markModelLog", { log: expected.toFixed(2) }),
        tone: "model",
        axis,
      });
    if (given && typeof answer === "number" && typeof last === "number" && last > 0)
      markers.push({ type: "point", x: 1, y: last * 10 ** answer, label: t("yourPrediction"), tone: "learner", axis });
  }
  if (spec.kind === "lossDecreases") {
    const initial = first.history[0]?.loss;
    if (typeof initial === "number" && Number.isFinite(initial) && initial > 0)
      lossMarkers.push({ type: "y", y: (1 - spec.margin) * initial, label: t("markLossLine"), tone: "model" });
  }
  return { runs, markers, lossMarkers };
}

/** The run's chart for a prediction question, with both answers marked; `simulations` are its runs (predictionConfigs). */
export async function PredictionCharts({
  spec,
  lang,
  answer,
  simulations,
}: {
  spec: PredictionSpec;
  lang: Locale;
  /** the learner's last prediction, or null before one */
  answer: unknown;
  simulations: Promise<ConfigRuns>;
}) {
  const [t, outcome] = await Promise.all([getTranslations({ locale: lang, namespace: "prediction" }), simulations]);
  if (!outcome.ok) return <p className="form-error">{t("engineFailed")}</p>;
  const { runs, markers, lossMarkers } = marks(spec, outcome.results, answer, lang, t);
  return (
    <RunCharts
      lang={lang}
      runs={runs}
      markers={markers}
      lossMarkers={lossMarkers}
      annotate
      testId="prediction-charts"
    />
  );
}
