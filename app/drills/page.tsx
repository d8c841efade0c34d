import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DrillDue } from "@/components/drills/DrillDue";
import styles from "@/components/drills/drills.module.css";
import { dueIntervals } from "@/components/drills/due-intervals";
import type { DrillsT } from "@/components/drills/text";
import { getCurrentUser } from "@/lib/accounts/current-user.server";
import { drillSchedules } from "@/lib/drill-service/schedule.server";
import { MIXED } from "@/lib/drills/families";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("drills");
  return { title: t("title") };
}

/**
 * The families to drill, each with when it is due again (ADR 33), and "mixed", which serves the
 * most-due one. Links, not prefetched: each one is a redirect to a fresh seed.
 */
export default async function DrillsPage() {
  const now = new Date();
  const [t, tCards, user] = await Promise.all([
    getTranslations("drills"),
    getTranslations("flashcards"),
    getCurrentUser(),
  ]);
  const schedules = await drillSchedules(user?.id ?? null, now);
  const intervals = dueIntervals(schedules, now, tCards as unknown as Parameters<typeof dueIntervals>[2]);
  const due = schedules.filter((s) => s.card && s.isDue).length;
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      <p>
        <a className="button" href={`/drills/${MIXED}`} data-testid="drill-mixed">
          {t("mixed")}
        </a>{" "}
        <span className="muted">{t("mixedDesc")}</span>
      </p>
      {user && schedules.some((s) => s.card) ? (
        <p data-testid="drills-due-count">{t("dueCount", { count: due })}</p>
      ) : null}
      <h2 id="families">{t("families")}</h2>
      <ul className={styles.families} aria-labelledby="families">
        {schedules.map((s) => (
          <li key={s.family}>
            <a
              className={`card ${styles.family}`}
              href={`/drills/${s.family}`}
              data-testid={`drill-family-${s.family}`}
            >
              <strong>{t(`family_${s.family}`)}</strong>
              <span className="muted">{t(`familyDesc_${s.family}`)}</span>
              <DrillDue schedule={s} interval={intervals[s.family]} t={t as unknown as DrillsT} />
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
