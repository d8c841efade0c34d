/**
 * Reviews per day for the past year as a GitHub-style grid (server-rendered SVG-free CSS grid:
 * columns are weeks, rows weekdays). Each cell has a text label for screen readers and a title.
 */
import styles from "./Dashboard.module.css";

function level(count: number, max: number): number {
  if (count === 0) return 0;
  return Math.min(4, Math.ceil((count / Math.max(1, max)) * 4));
}

export function Heatmap({
  days,
  title,
  label,
  less,
  more,
}: {
  days: { date: string; count: number }[];
  title: string;
  label: (date: string, count: number) => string;
  less: string;
  more: string;
}) {
  const max = Math.max(0, ...days.map((d) => d.count));
  const first = days[0]?.date ?? "2000-01-01";
  // Monday-first weekday of the first day, so the grid lines up in weeks.
  const offset = (new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7;
  return (
    <figure className={styles.heatmapFigure} aria-label={title}>
      <div className={styles.heatmapScroll}>
        <ol className={styles.heatmap} style={{ gridTemplateRows: "repeat(7, 11px)" }}>
          {Array.from({ length: offset }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: static padding cells
            <li key={`pad-${i}`} className={styles.pad} aria-hidden="true" />
          ))}
          {days.map((d) => (
            <li key={d.date} className={styles.cell} data-level={level(d.count, max)} title={label(d.date, d.count)}>
              <span className={styles.visuallyHidden}>{label(d.date, d.count)}</span>
            </li>
          ))}
        </ol>
      </div>
      <figcaption className={styles.legend} aria-hidden="true">
        {less}
        {[0, 1, 2, 3, 4].map((l) => (
          <span key={l} className={styles.cell} data-level={l} />
        ))}
        {more}
      </figcaption>
    </figure>
  );
}
