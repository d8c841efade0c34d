/** When a drill family is due (ADR 33): new, due now (missed last time, or its interval passed), or due in an interval. */
import type { FamilySchedule } from "@/lib/drills/schedule";
import styles from "./drills.module.css";
import type { DrillsT } from "./text";

export function DrillDue({
  schedule,
  interval,
  t,
}: {
  schedule: FamilySchedule;
  /** the time until it is due, in words (flashcards' interval format) */
  interval: string;
  t: DrillsT;
}) {
  const { card, isDue, lastMissed, family } = schedule;
  const text = !card
    ? t("dueNew")
    : isDue
      ? lastMissed
        ? t("dueMissedNow")
        : t("dueNow")
      : lastMissed
        ? t("dueMissedIn", { interval })
        : t("dueIn", { interval });
  return (
    <span
      className={`${styles.due} ${card && isDue ? styles.dueNow : ""}`}
      data-testid={`drill-due-${family}`}
      data-due={!card ? "new" : isDue ? "due" : "later"}
    >
      {text}
    </span>
  );
}
