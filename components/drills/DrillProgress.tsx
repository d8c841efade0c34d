/**
 * The dashboard's drill section: the streak, how many families are due, and per family how many
 * right, (estimates) the mean error in decades, the same over the newest attempts beside those
 * before them (is practice paying off?), and when it is due again (ADR 33).
 */
import type { DrillFamilyId } from "@/lib/drills/families";
import type { FamilySchedule } from "@/lib/drills/schedule";
import { type FamilyStats, type Tally, TREND_WINDOW } from "@/lib/drills/stats";
import { DrillDue } from "./DrillDue";
import styles from "./drills.module.css";
import type { DrillsT } from "./text";

export function DrillProgress({
  stats,
  streak,
  schedules,
  intervals,
  t,
}: {
  stats: FamilyStats[];
  streak: number;
  schedules: FamilySchedule[];
  /** the time until each family is due, in words */
  intervals: Record<DrillFamilyId, string>;
  t: DrillsT;
}) {
  const tried = stats.filter((s) => s.total > 0);
  const scheduleOf = new Map(schedules.map((s) => [s.family, s]));
  const due = schedules.filter((s) => s.card && s.isDue).length;
  return (
    <section aria-labelledby="drill-progress" data-testid="drill-progress">
      <h2 id="drill-progress">{t("dashTitle")}</h2>
      {tried.length === 0 ? (
        <p className="muted">{t("dashNone")}</p>
      ) : (
        <>
          <p data-testid="drill-streak">{t("dashStreak", { count: streak })}</p>
          <p data-testid="drills-due-count">{t("dueCount", { count: due })}</p>
          {/* five columns: on a phone the table scrolls within its box, never the page */}
          <div className={styles.tableScroll}>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">{t("dashFamily")}</th>
                  <th scope="col">{t("dashAccuracy")}</th>
                  <th scope="col">{t("dashCalibration")}</th>
                  <th scope="col">{t("dashTrend", { n: TREND_WINDOW })}</th>
                  <th scope="col">{t("dashDue")}</th>
                </tr>
              </thead>
              <tbody>
                {tried.map((s) => (
                  <tr key={s.family} data-testid={`drill-stats-${s.family}`}>
                    <th scope="row">{t(`family_${s.family}`)}</th>
                    <td>{t("dashRatio", { correct: s.correct, total: s.total })}</td>
                    <td>
                      {s.meanErrorDecades === null
                        ? t("dashNoEstimate")
                        : t("dashDecades", { error: s.meanErrorDecades.toFixed(2) })}
                    </td>
                    <td data-testid={`drill-trend-${s.family}`}>
                      {tallyText(s.recent, t)}
                      {s.before && <span className="muted"> {t("dashBefore", { tally: tallyText(s.before, t) })}</span>}
                    </td>
                    <td>
                      {(() => {
                        const schedule = scheduleOf.get(s.family);
                        return schedule ? <DrillDue schedule={schedule} interval={intervals[s.family]} t={t} /> : null;
                      })()}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** "7 / 10", and for estimates "· 0.42 decades" */
function tallyText(tally: Tally, t: DrillsT): string {
  const ratio = t("dashRatio", { correct: tally.correct, total: tally.total });
  return tally.meanErrorDecades === null
    ? ratio
    : `${ratio} · ${t("dashDecades", { error: tally.meanErrorDecades.toFixed(2) })}`;
}
