/**
 * The charts of a set of runs: verdict badges, the gradient profile(s), training curves when the
 * runs train, and activation histograms for MLPs. Rendered on the server for answer pages (the
 * client charts get only the series they draw) and in the browser by the lab, which runs the
 * engine there (so no async and no server-only imports here).
 */
import { useTranslations } from "next-intl";
import { GradientChart } from "@/components/charts/GradientChart";
import { HistogramChart } from "@/components/charts/HistogramChart";
import type { Marker } from "@/components/charts/LogLines";
import { seriesStyle } from "@/components/charts/palette";
import { TrainingChart } from "@/components/charts/TrainingChart";
import { sci } from "@/lib/charts/log-scale";
import {
  histogramData,
  type LabeledResult,
  type ProfileAxis,
  profileData,
  runInfo,
  trainingData,
} from "@/lib/charts/series";
import styles from "./sim.module.css";

type Props = {
  runs: LabeledResult[];
  /** drawn on the backward-signal profile chart of the given axis */
  marker?: Marker & { axis: ProfileAxis };
  histograms?: boolean;
  testId?: string;
};

export function RunCharts({ runs, marker, histograms = true, testId }: Props) {
  const t = useTranslations("sim");
  const profiles = profileData(runs);
  const training = trainingData(runs);
  const hist = histograms ? histogramData(runs) : null;
  return (
    <div className={styles.runCharts} data-testid={testId}>
      <ul className={styles.badges} aria-label={t("verdicts")}>
        {runs.map((r, i) => {
          const info = runInfo(r, i);
          return (
            <li key={r.id} data-testid="verdict-badge" data-verdict={info.verdict} data-run={r.id}>
              <span className={styles.swatch} style={{ background: seriesStyle(i).color }} aria-hidden="true" />
              <span className={styles.runLabel}>{r.label}</span>{" "}
              <span className={`${styles.verdict} ${styles[info.verdict]}`}>{t(`verdict_${info.verdict}`)}</span>{" "}
              <span className={styles.ratio}>
                {t("ratio")} {sci(info.gradRatio)}
                {info.nonFinite ? ` · ${t("nonFiniteRun")}` : ""}
              </span>
            </li>
          );
        })}
      </ul>
      {profiles.map((p) => (
        <GradientChart
          key={p.axis}
          data={p}
          marker={marker && marker.axis === p.axis ? marker : undefined}
          testId={`profile-${p.axis}`}
        />
      ))}
      {training && (
        <>
          <h4 className={styles.subhead}>{t("trainingCurves")}</h4>
          <TrainingChart data={training} testId="training-chart" />
        </>
      )}
      {hist && (
        <details className={styles.details}>
          <summary>{t("histograms")}</summary>
          <HistogramChart data={hist} testId="histograms" />
        </details>
      )}
    </div>
  );
}

export function ChartSkeleton({ label, tall = false }: { label: string; tall?: boolean }) {
  return (
    <div className={`${styles.skeleton} ${tall ? styles.tall : ""}`} role="status" aria-label={label}>
      <span className="skeleton" />
    </div>
  );
}
