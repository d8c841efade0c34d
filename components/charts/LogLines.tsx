"use client";
/**
 * Lines on a log y axis where nothing is dropped: 0 (underflow) plots on a band below the data
 * (▼ marker), NaN/Infinity on a band above it (✕ marker), both labelled on the chart and in the
 * note below it. A visually hidden table carries the exact numbers for screen readers.
 */
import { useTranslations } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ReferenceDot, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { logRows, rowFields } from "@/lib/charts/log-rows";
import { type LogBands, logBands, type PointKind, sci } from "@/lib/charts/log-scale";
import styles from "./charts.module.css";

export type LineSpec = { key: string; label: string; color: string; dash: string; values: (number | null)[] };
export type Marker =
  | { type: "x"; x: number; label: string }
  | { type: "point"; x: number; y: number; label: string }
  | { type: "y"; y: number; label: string };

type Props = {
  lines: LineSpec[];
  xLabel: string;
  yLabel: string;
  /** one sentence for screen readers: what the chart shows */
  summary: string;
  caption?: string;
  height?: number;
  marker?: Marker;
  testId?: string;
};

type DotProps = { cx?: number; cy?: number; payload?: Record<string, unknown>; index?: number };

function PointMark({ cx, cy, kind, color }: { cx: number; cy: number; kind: PointKind; color: string }) {
  if (kind === "underflow")
    return (
      <path
        d={`M${cx - 5},${cy - 4}L${cx + 5},${cy - 4}L${cx},${cy + 5}Z`}
        fill={color}
        stroke="var(--fg)"
        strokeWidth={0.8}
      />
    );
  if (kind === "nonfinite")
    return (
      <path
        d={`M${cx - 4},${cy - 4}L${cx + 4},${cy + 4}M${cx - 4},${cy + 4}L${cx + 4},${cy - 4}`}
        stroke={color}
        strokeWidth={2.5}
      />
    );
  return <circle cx={cx} cy={cy} r={2.5} fill={color} />;
}

export function LogLines({ lines, xLabel, yLabel, summary, caption, height = 260, marker, testId }: Props) {
  const t = useTranslations("sim");
  const bands: LogBands = logBands(lines.flatMap((l) => l.values));
  const { rows, hasUnderflow: hasUnder, hasNonFinite: hasOver } = logRows(lines, bands);
  const n = rows.length;
  const showDots = n <= 60;

  return (
    <div className={styles.chartBlock} data-testid={testId}>
      <div className={styles.plot} style={{ height }} role="img" aria-label={summary}>
        <LineChart
          responsive
          style={{ width: "100%", height }}
          data={rows}
          margin={{ top: 8, right: 16, bottom: 4, left: 4 }}
        >
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            domain={[1, Math.max(1, n)]}
            allowDecimals={false}
            stroke="var(--muted)"
            tick={{ fill: "var(--muted)", fontSize: 12 }}
            label={{ value: xLabel, position: "insideBottomRight", offset: -2, fill: "var(--muted)", fontSize: 12 }}
          />
          <YAxis
            scale="log"
            domain={bands.domain}
            ticks={bands.ticks}
            allowDataOverflow
            width={64}
            stroke="var(--muted)"
            tick={{ fill: "var(--muted)", fontSize: 12 }}
            tickFormatter={(v: number) => sci(v, 0)}
            label={{ value: yLabel, angle: -90, position: "insideLeft", fill: "var(--muted)", fontSize: 12 }}
          />
          {hasUnder && (
            <ReferenceLine
              y={bands.floor}
              stroke="var(--muted)"
              strokeDasharray="2 4"
              label={{ value: t("underflowBand"), position: "insideBottomLeft", fill: "var(--muted)", fontSize: 11 }}
            />
          )}
          {hasOver && (
            <ReferenceLine
              y={bands.ceil}
              stroke="var(--muted)"
              strokeDasharray="2 4"
              label={{ value: t("nonFiniteBand"), position: "insideTopLeft", fill: "var(--muted)", fontSize: 11 }}
            />
          )}
          <Tooltip
            contentStyle={{ background: "var(--bg)", border: "1px solid var(--border)", color: "var(--fg)" }}
            labelFormatter={(x) => `${xLabel} ${x}`}
            formatter={(_v, name, item) => {
              const key = String(item.dataKey ?? "");
              const raw = (item.payload as Record<string, number | null>)[rowFields(key).raw];
              return [raw === 0 ? `0 (${t("underflow")})` : sci(raw ?? null), name];
            }}
          />
          <Legend wrapperStyle={{ fontSize: 12, color: "var(--fg)" }} />
          {lines.map((l) => (
            <Line
              key={l.key}
              dataKey={l.key}
              name={l.label}
              type="linear"
              stroke={l.color}
              strokeWidth={2}
              strokeDasharray={l.dash || undefined}
              isAnimationActive={false}
              connectNulls
              dot={(p: DotProps) => {
                const kind = (p.payload?.[rowFields(l.key).kind] ?? "ok") as PointKind;
                if (p.cx === undefined || p.cy === undefined || (kind === "ok" && !showDots))
                  return <g key={`${l.key}-${p.index}`} />;
                return <PointMark key={`${l.key}-${p.index}`} cx={p.cx} cy={p.cy} kind={kind} color={l.color} />;
              }}
              activeDot={{ r: 4 }}
            />
          ))}
          {marker?.type === "x" && (
            <ReferenceLine
              x={marker.x}
              stroke="var(--fg)"
              strokeWidth={2}
              strokeDasharray="4 2"
              label={{ value: marker.label, position: "top", fill: "var(--fg)", fontSize: 12 }}
            />
          )}
          {marker?.type === "point" && (
            <ReferenceDot
              x={marker.x}
              y={Math.min(Math.max(marker.y, bands.domain[0]), bands.domain[1])}
              r={6}
              fill="none"
              stroke="var(--fg)"
              strokeWidth={2}
              label={{ value: marker.label, position: "right", fill: "var(--fg)", fontSize: 12 }}
            />
          )}
          {marker?.type === "y" && (
            <ReferenceLine
              y={marker.y}
              stroke="var(--fg)"
              strokeDasharray="4 2"
              label={{ value: marker.label, position: "insideTopRight", fill: "var(--fg)", fontSize: 12 }}
            />
          )}
        </LineChart>
      </div>
      <p className={styles.note}>
        {caption ? <>{caption} </> : null}
        {t("logScale")}
        {hasUnder ? ` ${t("underflowNote")}` : ""}
        {hasOver ? ` ${t("nonFiniteNote")}` : ""}
      </p>
      {/* The wrapper hides the table: a table ignores width: 1px and would widen the page. */}
      <div className="visually-hidden">
        <table>
          <caption>{summary}</caption>
          <thead>
            <tr>
              <th scope="col">{xLabel}</th>
              {lines.map((l) => (
                <th scope="col" key={l.key}>
                  {l.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={String(r.x)}>
                <th scope="row">{r.x}</th>
                {lines.map((l) => {
                  const raw = r[rowFields(l.key).raw] as number | null | undefined;
                  return <td key={l.key}>{raw === undefined ? "" : sci(raw)}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
