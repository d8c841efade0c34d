"use client";
/** Training curves: loss, and the global gradient norm before (solid) and after (dashed) clipping. */
import { useTranslations } from "next-intl";
import { sci } from "@/lib/charts/log-scale";
import type { TrainingData } from "@/lib/charts/series";
import styles from "./charts.module.css";
import { type LineSpec, LogLines, type Marker } from "./LogLines";
import { seriesStyle } from "./palette";

export function TrainingChart({
  data,
  lossMarkers,
  testId,
}: {
  data: TrainingData;
  /** drawn on the loss chart (e.g. the line the loss must fall below for "the loss falls") */
  lossMarkers?: Marker[];
  testId?: string;
}) {
  const t = useTranslations("sim");
  const last = (s: (number | null)[]) => sci(s[s.length - 1] ?? null);
  const loss: LineSpec[] = data.runs.map((r) => ({
    key: r.id,
    label: r.label,
    ...seriesStyle(r.index),
    values: r.loss,
  }));
  const grad: LineSpec[] = data.runs.flatMap((r) => {
    const { color } = seriesStyle(r.index);
    const before = { key: `${r.id}_g`, label: `${r.label} — ${t("beforeClip")}`, color, dash: "", values: r.grad };
    return r.clips
      ? [before, { key: `${r.id}_c`, label: `${r.label} — ${t("afterClip")}`, color, dash: "6 3", values: r.clipped }]
      : [before];
  });
  return (
    <div className={styles.trainingGrid} data-testid={testId}>
      <LogLines
        lines={loss}
        xLabel={t("trainStep")}
        yLabel={t("loss")}
        height={220}
        markers={lossMarkers}
        summary={t("lossSummary", {
          runs: data.runs.map((r) => `${r.label}: ${sci(r.loss[0] ?? null)} → ${last(r.loss)}`).join("; "),
        })}
      />
      <LogLines
        lines={grad}
        xLabel={t("trainStep")}
        yLabel={t("gradNorm")}
        height={220}
        summary={t("gradCurveSummary", {
          runs: data.runs.map((r) => `${r.label}: ${sci(r.grad[0] ?? null)} → ${last(r.grad)}`).join("; "),
        })}
      />
    </div>
  );
}
