"use client";
/** Gradient norm per layer (MLP) or per time step (recurrent), runs overlaid, with a metric toggle. */
import { useTranslations } from "next-intl";
import { type ReactNode, useId, useState } from "react";
import { sci } from "@/lib/charts/log-scale";
import type { Metric, ProfileData } from "@/lib/charts/series";
import styles from "./charts.module.css";
import { LogLines, type Marker } from "./LogLines";
import { seriesStyle } from "./palette";

type Props = {
  data: ProfileData;
  /** drawn on the backward-signal view (the one predictions and annotations are about) */
  markers?: Marker[];
  /** shown above the chart (e.g. an inline control that redraws it) */
  controls?: ReactNode;
  testId?: string;
};

export function GradientChart({ data, markers, controls, testId }: Props) {
  const t = useTranslations("sim");
  const [metric, setMetric] = useState<Metric>("backward");
  const name = useId();
  const axis = data.axis === "layer" ? t("layer") : t("timeStep");
  const metricLabel = (m: Metric) => t(data.axis === "layer" ? `metric_${m}` : `metricRnn_${m}`);
  const lines = data.runs
    .filter((r) => r.values[metric] !== undefined)
    .map((r) => ({ key: r.id, label: r.label, ...seriesStyle(r.index), values: r.values[metric] ?? [] }));
  const summary = t("profileSummary", {
    metric: metricLabel(metric),
    axis,
    runs: lines
      .map((l) => `${l.label}: ${sci(l.values[0] ?? null)} → ${sci(l.values[l.values.length - 1] ?? null)}`)
      .join("; "),
  });
  return (
    <div className={styles.chartWithControls} data-testid={testId}>
      {controls}
      <fieldset className={styles.toggle}>
        <legend className="visually-hidden">{t("metricLegend")}</legend>
        {data.metrics.map((m) => (
          <label key={m}>
            <input type="radio" name={name} value={m} checked={metric === m} onChange={() => setMetric(m)} />{" "}
            {metricLabel(m)}
          </label>
        ))}
      </fieldset>
      <LogLines
        lines={lines}
        xLabel={axis}
        yLabel={t("gradNorm")}
        summary={summary}
        caption={metric === "backward" ? undefined : t("whyWeight")}
        markers={metric === "backward" ? markers : undefined}
      />
    </div>
  );
}
