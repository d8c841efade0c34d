"use client";
/**
 * Accuracy per group as horizontal bars (recharts), each labelled with its value ("67 % · 4/6");
 * a group without graded answers says so instead of showing an empty bar that would read as 0 %.
 * The container's height is fixed so nothing shifts.
 */
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import styles from "./Dashboard.module.css";

export type AccuracyBar = { label: string; accuracy: number; correct: number; total: number };

export function AccuracyChart({
  data,
  title,
  accuracyLabel,
  noAnswers,
}: {
  data: AccuracyBar[];
  title: string;
  accuracyLabel: string;
  /** the label of a group without graded answers */
  noAnswers: string;
}) {
  const rows = data.map((d) => ({
    ...d,
    percent: d.total === 0 ? 0 : Math.round(d.accuracy * 100),
    value: d.total === 0 ? noAnswers : `${Math.round(d.accuracy * 100)} % · ${d.correct}/${d.total}`,
  }));
  return (
    <figure className={styles.chart} style={{ height: Math.max(160, 40 + rows.length * 36) }} aria-label={title}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 96, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" horizontal={false} />
          <XAxis type="number" domain={[0, 100]} unit="%" stroke="var(--muted)" />
          <YAxis type="category" dataKey="label" width={110} stroke="var(--muted)" />
          <Tooltip
            formatter={(_value, _name, item) => [item.payload.value, accuracyLabel]}
            contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", color: "var(--fg)" }}
          />
          <Bar dataKey="percent" fill="var(--accent)" isAnimationActive={false} minPointSize={0}>
            <LabelList dataKey="value" position="right" fill="var(--fg)" fontSize={12} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      <table className={styles.visuallyHidden}>
        <caption>{title}</caption>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td>{r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
