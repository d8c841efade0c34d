/**
 * Progress over the whole bank as bars, LeetCode-style: "12 / 78 mastered", per difficulty in the
 * summary line and per topic when opened; each bar shows mastered (solid) and started (light).
 * Server component; the words Mastered and Started are defined under the bars.
 */
import { getTranslations } from "next-intl/server";
import type { Mastery, MasteryReport } from "@/lib/progress/mastery";
import styles from "./MasteryBars.module.css";

function Bar({ mastery, label }: { mastery: Mastery; label: string }) {
  const pct = (n: number) => `${mastery.total === 0 ? 0 : (100 * n) / mastery.total}%`;
  return (
    <span className={styles.bar} role="img" aria-label={label}>
      <span className={styles.mastered} style={{ width: pct(mastery.mastered) }} />
      <span className={styles.started} style={{ width: pct(mastery.started) }} />
    </span>
  );
}

export async function MasteryBars({ report }: { report: MasteryReport }) {
  const t = await getTranslations();
  const label = (name: string, m: Mastery) =>
    t("list.progress.barLabel", { name, mastered: m.mastered, started: m.started, total: m.total });
  return (
    <details className={styles.progress} data-testid="mastery">
      <summary>
        <span className={styles.overall}>
          <strong data-testid="mastery-all">
            {t("list.progress.mastered", { mastered: report.all.mastered, total: report.all.total })}
          </strong>
          <Bar mastery={report.all} label={label(t("list.progress.all"), report.all)} />
        </span>
        {report.byDifficulty.map(({ difficulty, mastery }) => (
          <span key={difficulty} className={styles.item} data-testid={`mastery-difficulty-${difficulty}`}>
            <span className={`difficulty-${difficulty} ${styles.name}`}>{t(`difficulty.${difficulty}`)}</span>{" "}
            {mastery.mastered}/{mastery.total}
            <Bar mastery={mastery} label={label(t(`difficulty.${difficulty}`), mastery)} />
          </span>
        ))}
      </summary>
      <ul className={styles.topics}>
        {report.byTopic.map(({ topic, mastery }) => (
          <li key={topic} data-testid={`mastery-topic-${topic}`}>
            <span>{t(`topics.${topic}`)}</span>
            <Bar mastery={mastery} label={label(t(`topics.${topic}`), mastery)} />
            <span className={styles.count}>
              {mastery.mastered}/{mastery.total}
            </span>
          </li>
        ))}
      </ul>
      <p className={styles.legend}>
        <span className={styles.swatchMastered} /> {t("list.progress.masteredDefinition")}{" "}
        <span className={styles.swatchStarted} /> {t("list.progress.startedDefinition")}
      </p>
    </details>
  );
}
