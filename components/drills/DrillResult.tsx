/**
 * The result of an answered problem: right or not, the learner's answer beside the engine's, the
 * back-of-the-envelope estimate beside the measured value and the one-line why, then the
 * engine's charts.
 */
import type { Marker } from "@/components/charts/LogLines";
import { type AxisMarker, RunCharts } from "@/components/sim/RunCharts";
import type { LabeledResult } from "@/lib/charts/series";
import type { DrillAnswer, DrillMark } from "@/lib/drills/family";
import type { Problem } from "@/lib/drills/generate";
import styles from "./drills.module.css";
import { type DrillsT, say } from "./text";

type Attempt = { answer: DrillAnswer; correct: boolean; errorDecades: number | null };

/** How an answer reads: a choice by its label, an estimate with two decimals and a real minus sign. */
function answerText(problem: Problem, answer: DrillAnswer, t: DrillsT): string {
  if (problem.answer.type === "choice") {
    const choice = problem.answer.choices.find((c) => c.id === answer);
    return choice ? say(t, choice.label) : String(answer);
  }
  return typeof answer === "number" ? answer.toFixed(2).replace("-", "−") : String(answer);
}

/** A family's mark in the chart's terms: the profile charts take it with its axis, the loss chart without. */
function chartMark(m: DrillMark, t: DrillsT): { axis: AxisMarker["axis"] | "loss"; marker: Marker } {
  const label = say(t, m.label);
  const marker: Marker =
    m.type === "x"
      ? { type: "x", x: m.x, label, tone: m.tone }
      : m.type === "y"
        ? { type: "y", y: m.y, label, tone: m.tone }
        : { type: "point", x: m.x, y: m.y, label, tone: m.tone };
  return { axis: m.chart, marker };
}

export function DrillResult({ problem, attempt, t }: { problem: Problem; attempt: Attempt; t: DrillsT }) {
  const { marks, runTags = [] } = problem.marks(attempt.answer);
  const runs: LabeledResult[] = problem.results.map((result, i) => {
    const name = problem.runs[i] ? say(t, problem.runs[i].label) : `#${i + 1}`;
    const tags = (runTags[i] ?? []).map((tag) => say(t, tag));
    return { id: `d${i}`, label: tags.length ? `${name} (${tags.join(", ")})` : name, role: "config", result };
  });
  const charted = marks.map((m) => chartMark(m, t));
  const markers = charted.flatMap(({ axis, marker }) => (axis === "loss" ? [] : [{ ...marker, axis }]));
  const lossMarkers = charted.flatMap(({ axis, marker }) => (axis === "loss" ? [marker] : []));
  const { estimate, measured, why } = problem.explanation;
  return (
    <section id="result" aria-labelledby="result-heading" className="panel" data-testid="drill-result">
      <h2 id="result-heading" className={`${styles.outcome} ${attempt.correct ? styles.right : styles.wrong}`}>
        {attempt.correct ? t("right") : t("wrong")}
      </h2>
      <p data-testid="drill-answers">
        {t("youAnswered", {
          answer: answerText(problem, attempt.answer, t),
          expected: answerText(problem, problem.expected, t),
        })}
        {attempt.errorDecades !== null && problem.answer.type === "estimate"
          ? ` ${t("offBy", { error: attempt.errorDecades.toFixed(2), tolerance: problem.answer.tolerance })}`
          : ""}
      </p>
      <dl className={styles.explain}>
        <dt>{t("estimate")}</dt>
        <dd>{say(t, estimate)}</dd>
        <dt>{t("measured")}</dt>
        <dd>{say(t, measured)}</dd>
        <dt>{t("why")}</dt>
        <dd>{say(t, why)}</dd>
      </dl>
      <p className="muted">{t("margin", { margin: problem.margin })}</p>
      <h3>{t("chart")}</h3>
      <RunCharts runs={runs} markers={markers} lossMarkers={lossMarkers} histograms={false} testId="drill-charts" />
      {/* the marks in words: for screen readers (the chart is a picture) and for anyone who reads before looking */}
      <p className="muted">{t("marksTitle")}:</p>
      <ul className={styles.marks} data-testid="drill-marks">
        {charted.map(({ marker }) => (
          <li key={`${marker.type}-${marker.tone}-${marker.label}`} data-tone={marker.tone}>
            {marker.label}
          </li>
        ))}
        {runTags.flatMap((tags, i) =>
          tags.length
            ? [
                <li key={`run-${runs[i]?.id}`} data-tone="run">
                  {runs[i]?.label}
                </li>,
              ]
            : [],
        )}
      </ul>
    </section>
  );
}
