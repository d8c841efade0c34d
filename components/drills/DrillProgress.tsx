/** The dashboard's drill section: the streak, and per family how many right and (estimates) the mean error in decades. */
import type { FamilyStats } from "@/lib/drills/stats";
import styles from "./drills.module.css";
import type { DrillsT } from "./text";

export function DrillProgress({ stats, streak, t }: { stats: FamilyStats[]; streak: number; t: DrillsT }) {
  const tried = stats.filter((s) => s.total > 0);
  return (
    <section aria-labelledby="drill-progress" data-testid="drill-progress">
      <h2 id="drill-progress">{t("dashTitle")}</h2>
      {tried.length === 0 ? (
        <p className="muted">{t("dashNone")}</p>
      ) : (
        <>
          <p data-testid="drill-streak">{t("dashStreak", { count: streak })}</p>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">{t("dashFamily")}</th>
                <th scope="col">{t("dashAccuracy")}</th>
                <th scope="col">{t("dashCalibration")}</th>
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
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
