"use client";
/**
 * Lines on a log y axis where nothing is dropped: 0 (underflow) plots on a band below the data
 * (▼ marker, tick "0"), NaN/Infinity on a band above it (✕ marker, tick "Inf/NaN"), both
 * explained in the note below. Axis titles are text outside the SVG, so no width cuts them; the
 * chart itself is named for assistive technology, and a visually hidden table carries the exact
 * numbers. The chart draws in the browser only (its box keeps its height on the server). Marks (a learner's prediction, the model's answer, a measured note) keep their labels
 * inside the plot, on the side with room.
 */
import { useTranslations } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ReferenceDot, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { logRows, rowFields } from "@/lib/charts/log-rows";
import { axisTicks, type LogBands, logBands, type PointKind, sci } from "@/lib/charts/log-scale";
import styles from "./charts.module.css";
import { useMounted } from "./use-mounted";

export type LineSpec = { key: string; label: string; color: string; dash: string; values: (number | null)[] };

/** Whose mark: the learner's prediction (dashed), the model's answer (solid), a measured note (thin). */
export type MarkTone = "learner" | "model" | "note";
export type Marker = (
  | { type: "x"; x: number; label: string }
  | { type: "point"; x: number; y: number; label: string }
  | { type: "y"; y: number; label: string }
) & { tone?: MarkTone };

type Props = {
  lines: LineSpec[];
  xLabel: string;
  yLabel: string;
  /** one sentence for screen readers: what the chart shows (its accessible name and the table's caption) */
  summary: string;
  caption?: string;
  height?: number;
  markers?: Marker[];
  testId?: string;
};

type DotProps = { cx?: number; cy?: number; payload?: Record<string, unknown>; index?: number };
type LabelBox = { viewBox?: { x?: number; y?: number; width?: number; height?: number } };

const MARGIN = { top: 10, right: 16, bottom: 4, left: 4 } as const;
const X_AXIS_HEIGHT = 30;

const TONE = {
  learner: { stroke: "var(--fg)", width: 2, dash: "4 2" },
  model: { stroke: "var(--fg)", width: 2.5, dash: "" },
  note: { stroke: "var(--muted)", width: 1.5, dash: "" },
} as const;

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

/**
 * A mark's label, drawn from the mark's box (recharts passes `viewBox`) on the side with room
 * ("end" = to the left of the mark), on a halo of the background so lines under it do not hide it.
 */
function MarkLabel({
  viewBox,
  text,
  side,
  kind,
  tone,
}: LabelBox & { text: string; side: "start" | "end"; kind: Marker["type"]; tone: MarkTone }) {
  const { x = 0, y = 0, width = 0, height = 0 } = viewBox ?? {};
  const gap = 5;
  const at =
    kind === "x"
      ? { x: side === "start" ? x + gap : x - gap, y: y + 12 }
      : kind === "y"
        ? { x: x + width - gap, y: y - gap }
        : { x: side === "start" ? x + width + gap : x - gap, y: y + height / 2 + 4 };
  return (
    <text
      x={at.x}
      y={at.y}
      textAnchor={kind === "y" ? "end" : side}
      fill={tone === "note" ? "var(--muted)" : "var(--fg)"}
      fontSize={12}
      fontWeight={tone === "model" ? 600 : 400}
      stroke="var(--bg)"
      strokeWidth={3}
      paintOrder="stroke"
    >
      {text}
    </text>
  );
}

export function LogLines({ lines, xLabel, yLabel, summary, caption, height = 260, markers = [], testId }: Props) {
  const t = useTranslations("sim");
  const mounted = useMounted();
  const bands: LogBands = logBands(lines.flatMap((l) => l.values));
  const { rows, hasUnderflow: hasUnder, hasNonFinite: hasOver } = logRows(lines, bands);
  const n = rows.length;
  const showDots = n <= 60;
  const plotHeight = height - MARGIN.top - MARGIN.bottom - X_AXIS_HEIGHT;
  const ticks = axisTicks(bands, plotHeight, { underflow: hasUnder, nonFinite: hasOver });
  const tickText = (v: number) =>
    hasUnder && v === bands.floor ? "0" : hasOver && v === bands.ceil ? "Inf/NaN" : sci(v, 0);
  /** labels go left of marks in the right third of the chart, where the plot ends */
  const side = (x: number): "start" | "end" => (n > 1 && (x - 1) / (n - 1) > 0.65 ? "end" : "start");
  const clampY = (y: number) => Math.min(Math.max(y, bands.domain[0]), bands.domain[1]);

  return (
    <div className={styles.chartBlock} data-testid={testId}>
      <p className={styles.axisTitle} aria-hidden="true">
        {yLabel} ↑
      </p>
      <div className={styles.plot} style={{ height }}>
        {mounted && (
          <LineChart
            responsive
            style={{ width: "100%", height }}
            data={rows}
            margin={MARGIN}
            // a picture named by its summary (the table below has the numbers); recharts' default,
            // role="application", would put a screen reader in focus mode on a chart it cannot read
            role="img"
            aria-label={summary}
            title={summary}
          >
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
            <XAxis
              dataKey="x"
              type="number"
              domain={[1, Math.max(1, n)]}
              allowDecimals={false}
              height={X_AXIS_HEIGHT}
              interval="preserveStartEnd"
              minTickGap={18}
              stroke="var(--muted)"
              tick={{ fill: "var(--muted)", fontSize: 12 }}
            />
            <YAxis
              scale="log"
              domain={bands.domain}
              ticks={ticks}
              interval={0}
              allowDataOverflow
              width={60}
              stroke="var(--muted)"
              tick={{ fill: "var(--muted)", fontSize: 12 }}
              tickFormatter={tickText}
            />
            {hasUnder && <ReferenceLine y={bands.floor} stroke="var(--muted)" strokeDasharray="2 4" />}
            {hasOver && <ReferenceLine y={bands.ceil} stroke="var(--muted)" strokeDasharray="2 4" />}
            <Tooltip
              contentStyle={{ background: "var(--bg)", border: "1px solid var(--border)", color: "var(--fg)" }}
              labelFormatter={(x) => `${xLabel} ${x}`}
              formatter={(_v, name, item) => {
                const key = String(item.dataKey ?? "");
                const raw = (item.payload as Record<string, number | null>)[rowFields(key).raw];
                return [raw === 0 ? `0 (${t("underflow")})` : sci(raw ?? null), name];
              }}
            />
            {/* in the lines' own order, which is the order of the run header above the chart */}
            <Legend wrapperStyle={{ fontSize: 12, color: "var(--fg)" }} itemSorter={null} />
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
            {markers.map((m) => {
              const tone = m.tone ?? "learner";
              const style = TONE[tone];
              const key = `${m.type}-${tone}-${m.label}`;
              if (m.type === "x")
                return (
                  <ReferenceLine
                    key={key}
                    x={m.x}
                    stroke={style.stroke}
                    strokeWidth={style.width}
                    strokeDasharray={style.dash || undefined}
                    label={<MarkLabel text={m.label} side={side(m.x)} kind="x" tone={tone} />}
                  />
                );
              if (m.type === "point")
                return (
                  <ReferenceDot
                    key={key}
                    x={m.x}
                    y={clampY(m.y)}
                    r={tone === "note" ? 5 : 6}
                    fill="none"
                    stroke={style.stroke}
                    strokeWidth={style.width}
                    strokeDasharray={style.dash || undefined}
                    label={<MarkLabel text={m.label} side={side(m.x)} kind="point" tone={tone} />}
                  />
                );
              return (
                <ReferenceLine
                  key={key}
                  y={clampY(m.y)}
                  stroke={style.stroke}
                  strokeWidth={style.width}
                  strokeDasharray={style.dash || undefined}
                  label={<MarkLabel text={m.label} side="end" kind="y" tone={tone} />}
                />
              );
            })}
          </LineChart>
        )}
      </div>
      <p className={`${styles.axisTitle} ${styles.xTitle}`} aria-hidden="true">
        {xLabel} →
      </p>
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
