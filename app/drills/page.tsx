import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import styles from "@/components/drills/drills.module.css";
import { DRILL_FAMILIES, MIXED } from "@/lib/drills/families";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("drills");
  return { title: t("title") };
}

/** The families to drill, and "mixed". Links, not prefetched: each one is a redirect to a fresh seed. */
export default async function DrillsPage() {
  const t = await getTranslations("drills");
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
      <h2 id="families">{t("families")}</h2>
      <ul className={styles.families} aria-labelledby="families">
        {DRILL_FAMILIES.map((family) => (
          <li key={family}>
            <a className={`card ${styles.family}`} href={`/drills/${family}`} data-testid={`drill-family-${family}`}>
              <strong>{t(`family_${family}`)}</strong>
              <span className="muted">{t(`familyDesc_${family}`)}</span>
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
