"use client";
/**
 * Gradient norm per layer (MLP), time step (recurrent), block (Transformer) or sequence position
 * (a Transformer's input positions beside a recurrent net's steps), runs overlaid,
 * with a metric toggle; for Transformer blocks also the attention entropy.
 */
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

const AXIS_LABEL = { layer: "layer", step: "timeStep", block: "block", position: "position" } as const;
const METRIC_PREFIX = { layer: "metric", step: "metricRnn", block: "metricBlock", position: "metricPosition" } as const;

/** The backward view's caption is the chart's own sentence (computed from its run, given by the page). */
function captionKey(metric: Metric) {
  if (metric === "entropy") return "whyEntropy" as const;
  return metric === "step" ? ("whyStep" as const) : ("whyWeight" as const);
}

function yLabelKey(metric: Metric) {
  if (metric === "entropy") return "entropyNats" as const;
  return metric === "step" ? ("stepNorm" as const) : ("gradNorm" as const);
}

export function GradientChart({ data, markers, controls, testId }: Props) {
  const t = useTranslations("sim");
  const [metric, setMetric] = useState<Metric>("backward");
  const name = useId();
  const axis = t(AXIS_LABEL[data.axis]);
  const metricLabel = (m: Metric) => t(`${METRIC_PREFIX[data.axis]}_${m}` as "metric_backward");
  const lines = data.runs
    .filter((r) => r.values[metric] !== undefined)
    .map((r) => ({ key: r.id, label: r.label, ...seriesStyle(r.index), values: r.values[metric] ?? [] }));
  const summary = t(metric === "step" ? "stepSummary" : "profileSummary", {
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
        yLabel={t(yLabelKey(metric))}
        summary={summary}
        caption={metric === "backward" ? undefined : t(captionKey(metric))}
        markers={metric === "backward" ? markers : undefined}
      />
    </div>
  );
}
