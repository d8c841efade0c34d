"use client";
/** Activation histograms: one small chart per run for the layer chosen with a slider. */
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Bar, BarChart, XAxis, YAxis } from "recharts";
import type { HistogramData } from "@/lib/charts/series";
import styles from "./charts.module.css";
import { seriesStyle } from "./palette";

const fmt = (v: number) => (Math.abs(v) >= 100 || (v !== 0 && Math.abs(v) < 0.01) ? v.toExponential(1) : v.toFixed(2));

export function HistogramChart({ data, testId }: { data: HistogramData; testId?: string }) {
  const t = useTranslations("sim");
  const depth = Math.max(1, ...data.runs.map((r) => r.layers.length));
  const [layer, setLayer] = useState(depth);
  const id = useId();
  return (
    <div className={styles.histograms} data-testid={testId}>
      <label htmlFor={id} className={styles.slider}>
        {t("histogramLayer", { layer, depth })}
        <input
          id={id}
          type="range"
          min={1}
          max={depth}
          value={layer}
          onChange={(e) => setLayer(Number(e.target.value))}
        />
      </label>
      <div className={styles.histGrid}>
        {data.runs.map((r) => {
          const h = r.layers[Math.min(layer, r.layers.length) - 1];
          if (!h) return null;
          const { min, max, counts } = h;
          const lo = min ?? 0;
          const w = counts.length > 0 && max !== null ? (max - lo) / counts.length : 0;
          const rows = counts.map((c, k) => ({ x: fmt(lo + (k + 0.5) * w), c }));
          const label = t("histogramSummary", {
            run: r.label,
            layer,
            min: min === null ? "—" : fmt(min),
            max: max === null ? "—" : fmt(max),
            nonFinite: h.nonFinite,
          });
          return (
            <figure key={r.id} className={styles.histCell}>
              <figcaption>{r.label}</figcaption>
              <div role="img" aria-label={label} style={{ height: 120 }}>
                <BarChart responsive style={{ width: "100%", height: 120 }} data={rows} barCategoryGap={1}>
                  <XAxis
                    dataKey="x"
                    tick={{ fill: "var(--muted)", fontSize: 10 }}
                    interval="preserveStartEnd"
                    minTickGap={20}
                  />
                  <YAxis hide />
                  <Bar dataKey="c" fill={seriesStyle(r.index).color} isAnimationActive={false} />
                </BarChart>
              </div>
              <p className={styles.note}>
                {min === null ? t("allNonFinite") : `[${fmt(min)}, ${fmt(max ?? 0)}]`}
                {h.nonFinite > 0 ? ` · ${t("nonFiniteCount", { n: h.nonFinite })}` : ""}
              </p>
            </figure>
          );
        })}
      </div>
    </div>
  );
}
