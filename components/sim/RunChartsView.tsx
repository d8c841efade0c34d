/**
 * The charts of a set of runs: a header naming each run with its verdict and its measured ratio in
 * words, the gradient profile(s), training curves when the runs train, and activation histograms
 * for MLPs. Synchronous and free of server-only imports, so it renders both inside RunCharts (the
 * server wrapper for answer pages, drills and the lab's first results) and in the browser, where
 * the lab draws the runs of its engine workers (ADR 29). The client charts get only the series
 * they draw.
 */
import type { useTranslations } from "next-intl";
import { GradientChart } from "@/components/charts/GradientChart";
import { HistogramDetails } from "@/components/charts/HistogramChart";
import type { Marker } from "@/components/charts/LogLines";
import { seriesStyle } from "@/components/charts/palette";
import { TrainingChart } from "@/components/charts/TrainingChart";
import { annotationMessage, gradientAnnotation } from "@/lib/charts/annotation";
import { sci } from "@/lib/charts/log-scale";
import {
  histogramData,
  type LabeledResult,
  type ProfileAxis,
  type ProfileData,
  profileData,
  runInfo,
  trainingData,
} from "@/lib/charts/series";
import type { ScenarioKnob } from "@/lib/questions/scenario-knob";
import { ProfileExplorer } from "./ProfileExplorer";
import styles from "./sim.module.css";

/** The "sim" namespace's translator: what both useTranslations("sim") and getTranslations(…"sim") return. */
export type SimT = ReturnType<typeof useTranslations<"sim">>;

export type AxisMarker = Marker & { axis: ProfileAxis };

export type RunChartsViewProps = {
  runs: LabeledResult[];
  /** drawn on the backward-signal profile chart of their axis (layer, step or block) */
  markers?: AxisMarker[];
  /** drawn on the loss chart */
  lossMarkers?: Marker[];
  /** mark the first run's first and last layer (or step) with the measured factor between them */
  annotate?: boolean;
  /** one inline control that reruns the first run with another value of this knob */
  knob?: ScenarioKnob | null;
  histograms?: boolean;
  testId?: string;
};

/** Rings on the first run's first and last point; the first labelled with the factor between them. */
function annotationMarks(profile: ProfileData, factor: string): Marker[] {
  const values = profile.runs[0]?.values.backward ?? [];
  const first = values[0];
  const last = values[values.length - 1];
  if (typeof first !== "number" || typeof last !== "number" || !(first > 0) || !(last > 0)) return [];
  return [
    { type: "point", x: 1, y: first, label: factor, tone: "note" },
    { type: "point", x: values.length, y: last, label: "", tone: "note" },
  ];
}

export function RunChartsView({
  runs,
  t,
  markers = [],
  lossMarkers,
  annotate = false,
  knob,
  histograms = true,
  testId,
}: RunChartsViewProps & { t: SimT }) {
  const profiles = profileData(runs);
  const training = trainingData(runs);
  const hist = histograms ? histogramData(runs) : null;
  const firstAnnotation = runs[0] ? gradientAnnotation(runs[0].result) : null;
  return (
    <div className={styles.runCharts} data-testid={testId}>
      <ul className={styles.badges} aria-label={t("verdicts")}>
        {runs.map((r, i) => {
          const info = runInfo(r, i);
          const a = gradientAnnotation(r.result);
          const sentence = a ? annotationMessage(a) : null;
          return (
            <li key={r.id} data-testid="verdict-badge" data-verdict={info.verdict} data-run={r.id}>
              <span
                className={styles.swatch}
                style={{ background: seriesStyle(i).color }}
                aria-hidden="true"
                data-testid="run-swatch"
              />
              <span className={styles.runLabel} data-testid="run-label">
                {r.label}
              </span>{" "}
              <span className={`${styles.verdict} ${styles[info.verdict]}`} data-testid="verdict-word">
                {t(`verdict_${info.verdict}`)}
              </span>{" "}
              <span className={styles.ratio} data-testid="run-annotation">
                {sentence ? t(sentence.key, sentence.values) : ""}
                {a?.kind === "ratio" ? ` (${sci(info.gradRatio)})` : ""}
              </span>
            </li>
          );
        })}
      </ul>
      {profiles.map((p, k) => {
        const own = markers.filter((m) => m.axis === p.axis);
        const notes =
          annotate && k === 0 && firstAnnotation?.kind === "ratio"
            ? annotationMarks(p, t("annotationFactor", { ratio: firstAnnotation.ratio }))
            : [];
        const props = {
          data: p,
          markers: [...notes, ...own],
          testId: `profile-${p.axis}`,
        };
        return knob && k === 0 ? (
          <ProfileExplorer key={p.axis} knob={knob} {...props} />
        ) : (
          <GradientChart key={p.axis} {...props} />
        );
      })}
      {training && (
        <>
          <h4 className={styles.subhead}>{t("trainingCurves")}</h4>
          <TrainingChart data={training} lossMarkers={lossMarkers} testId="training-chart" />
        </>
      )}
      {hist && (
        <HistogramDetails data={hist} summary={t("histograms")} className={styles.details} testId="histograms" />
      )}
    </div>
  );
}
