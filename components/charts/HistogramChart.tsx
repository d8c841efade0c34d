"use client";
/**
 * Activation histograms: one small chart per run for the layer chosen with a slider, all on one
 * shared x axis and one count scale (lib/charts/histogram-bins.ts), so a layer collapsed to 1e-8
 * shows as a spike at 0 next to a healthy spread, not as a look-alike.
 */
import { useTranslations } from "next-intl";
import { type ReactNode, useId, useState } from "react";
import { Bar, BarChart, XAxis, YAxis } from "recharts";
import { sharedHistograms } from "@/lib/charts/histogram-bins";
import type { HistogramData } from "@/lib/charts/series";
import styles from "./charts.module.css";
import { seriesStyle } from "./palette";

const fmt = (v: number) => (Math.abs(v) >= 100 || (v !== 0 && Math.abs(v) < 0.01) ? v.toExponential(1) : v.toFixed(2));
/** Shared bins: a little finer than the engine's own, so each run's shape survives re-binning. */
const SHARED_BINS = 40;

/** The histograms behind a disclosure, drawn only once it is opened (most readers never open it). */
export function HistogramDetails({
  data,
  summary,
  className,
  testId,
}: {
  data: HistogramData;
  summary: ReactNode;
  className?: string;
  testId?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <details className={className} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{summary}</summary>
      {open && <HistogramChart data={data} testId={testId} />}
    </details>
  );
}

function HistogramChart({ data, testId }: { data: HistogramData; testId?: string }) {
  const t = useTranslations("sim");
  const depth = Math.max(1, ...data.runs.map((r) => r.layers.length));
  const [layer, setLayer] = useState(depth);
  const id = useId();
  const own = data.runs.map((r) => r.layers[Math.min(layer, r.layers.length) - 1]);
  const shared = sharedHistograms(
    own.map((h) => h ?? { min: null, max: null, counts: [], nonFinite: 0 }),
    SHARED_BINS,
  );
  const range = shared.range;
  const centre = (k: number) => (range ? range.min + (k + 0.5) * shared.width : 0);
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
      <p className={styles.note} data-testid="histogram-axis">
        {range ? t("histogramSharedAxis", { min: fmt(range.min), max: fmt(range.max) }) : t("allNonFinite")}
      </p>
      <div className={styles.histGrid}>
        {data.runs.map((r, i) => {
          const h = own[i];
          if (!h) return null;
          const rows = (shared.counts[i] ?? []).map((c, k) => ({ x: centre(k), c }));
          const label = t("histogramSummary", {
            run: r.label,
            layer,
            min: h.min === null ? "—" : fmt(h.min),
            max: h.max === null ? "—" : fmt(h.max),
            nonFinite: h.nonFinite,
          });
          return (
            <figure key={r.id} className={styles.histCell} data-testid="histogram">
              <figcaption>{r.label}</figcaption>
              <div role="img" aria-label={label} style={{ height: 120 }}>
                <BarChart
                  responsive
                  style={{ width: "100%", height: 120 }}
                  data={rows}
                  barCategoryGap={0}
                  accessibilityLayer={false}
                >
                  <XAxis
                    dataKey="x"
                    type="number"
                    domain={range ? [range.min, range.max] : [0, 1]}
                    ticks={range ? [range.min, (range.min + range.max) / 2, range.max] : []}
                    tickFormatter={fmt}
                    tick={{ fill: "var(--muted)", fontSize: 10 }}
                    interval={0}
                  />
                  <YAxis hide domain={[0, Math.max(1, shared.maxCount)]} />
                  <Bar dataKey="c" fill={seriesStyle(r.index).color} isAnimationActive={false} />
                </BarChart>
              </div>
              <p className={styles.note} data-testid="histogram-range">
                {h.min === null ? t("allNonFinite") : t("histogramOwnRange", { min: fmt(h.min), max: fmt(h.max ?? 0) })}
                {h.nonFinite > 0 ? ` · ${t("nonFiniteCount", { n: h.nonFinite })}` : ""}
              </p>
            </figure>
          );
        })}
      </div>
    </div>
  );
}
