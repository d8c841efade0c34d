"use client";
/** Cards due per day for the next 14 days (recharts), in a fixed-height container. */
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import styles from "./Dashboard.module.css";

export function ForecastChart({
  data,
  title,
  dueLabel,
}: {
  data: { date: string; count: number }[];
  title: string;
  dueLabel: string;
}) {
  const rows = data.map((d) => ({ ...d, day: d.date.slice(5) }));
  return (
    <figure className={styles.chart} style={{ height: 220 }} aria-label={title}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
          <XAxis dataKey="day" stroke="var(--muted)" interval="preserveStartEnd" />
          <YAxis allowDecimals={false} stroke="var(--muted)" width={32} />
          <Tooltip
            formatter={(value) => [value, dueLabel]}
            contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", color: "var(--fg)" }}
          />
          <Bar dataKey="count" fill="var(--accent)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
