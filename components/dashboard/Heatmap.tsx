/**
 * Reviews per day as a GitHub-style grid: one column per week (Monday first), month names above,
 * Mon / Wed / Fri at the side, today's cell outlined. A phone shows the last WEEKS_ON_PHONE weeks
 * (the newest, today included), a wide screen the whole year. Each cell has a text label for
 * screen readers and a title. Server component.
 */
import styles from "./Dashboard.module.css";

function level(count: number, max: number): number {
  if (count === 0) return 0;
  return Math.min(4, Math.ceil((count / Math.max(1, max)) * 4));
}

type Day = { date: string; count: number };
type Week = { days: (Day | null)[]; month: string | null };

/** Days (oldest first) into Monday-first weeks; a week is labelled with the month that starts in it. */
function weeksOf(days: Day[], monthName: (date: string) => string): Week[] {
  const first = days[0]?.date ?? "2000-01-01";
  const offset = (new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7;
  const cells: (Day | null)[] = [...Array.from({ length: offset }, () => null), ...days];
  const weeks: Week[] = [];
  for (let i = 0; i < cells.length; i += 7) {
    const week = cells.slice(i, i + 7);
    while (week.length < 7) week.push(null);
    const starts = week.find((d) => d?.date.endsWith("-01"));
    weeks.push({ days: week, month: starts ? monthName(starts.date) : null });
  }
  return weeks;
}

export function Heatmap({
  days,
  title,
  label,
  less,
  more,
  monthName,
  weekdays,
}: {
  days: Day[];
  title: string;
  label: (date: string, count: number) => string;
  less: string;
  more: string;
  /** the short month name of a date, in the page's language */
  monthName: (date: string) => string;
  /** the short names of Monday, Wednesday and Friday */
  weekdays: [string, string, string];
}) {
  const max = Math.max(0, ...days.map((d) => d.count));
  const today = days[days.length - 1]?.date;
  const weeks = weeksOf(days, monthName);
  return (
    <figure className={styles.heatmapFigure} aria-label={title} data-testid="heatmap">
      <div className={styles.heatmapGrid}>
        <ol className={styles.weekdays} aria-hidden="true">
          <li />
          <li>{weekdays[0]}</li>
          <li />
          <li>{weekdays[1]}</li>
          <li />
          <li>{weekdays[2]}</li>
          <li />
        </ol>
        <ol className={styles.weeks}>
          {weeks.map((w, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: weeks are fixed positions in the grid
            <li key={i} className={styles.week}>
              <span className={styles.month} aria-hidden="true">
                {w.month}
              </span>
              <ol className={styles.days}>
                {w.days.map((d, j) =>
                  d ? (
                    <li
                      key={d.date}
                      className={styles.cell}
                      data-level={level(d.count, max)}
                      data-today={d.date === today ? "true" : undefined}
                      title={label(d.date, d.count)}
                    >
                      <span className={styles.visuallyHidden}>{label(d.date, d.count)}</span>
                    </li>
                  ) : (
                    // biome-ignore lint/suspicious/noArrayIndexKey: padding before the first day
                    <li key={`pad-${j}`} className={styles.pad} aria-hidden="true" />
                  ),
                )}
              </ol>
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
