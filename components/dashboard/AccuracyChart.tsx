"use client";
/** Accuracy per group as horizontal bars (recharts); the container's height is fixed so nothing shifts. */
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import styles from "./Dashboard.module.css";

export type AccuracyBar = { label: string; accuracy: number; correct: number; total: number };

export function AccuracyChart({
  data,
  title,
  accuracyLabel,
}: {
  data: AccuracyBar[];
  title: string;
  accuracyLabel: string;
}) {
  const rows = data.map((d) => ({ ...d, percent: Math.round(d.accuracy * 100) }));
  return (
    <figure className={styles.chart} style={{ height: Math.max(160, 40 + rows.length * 36) }} aria-label={title}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" horizontal={false} />
          <XAxis type="number" domain={[0, 100]} unit="%" stroke="var(--muted)" />
          <YAxis type="category" dataKey="label" width={120} stroke="var(--muted)" />
          <Tooltip
            formatter={(value, _name, item) => [
              `${value}% (${item.payload.correct}/${item.payload.total})`,
              accuracyLabel,
            ]}
            contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", color: "var(--fg)" }}
          />
          <Bar dataKey="percent" fill="var(--accent)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
