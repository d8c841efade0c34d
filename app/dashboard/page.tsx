import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { AccuracyChart } from "@/components/dashboard/AccuracyChart";
import styles from "@/components/dashboard/Dashboard.module.css";
import { ForecastChart } from "@/components/dashboard/ForecastChart";
import { Heatmap } from "@/components/dashboard/Heatmap";
import { ImportForm } from "@/components/dashboard/ImportForm";
import { DrillProgress } from "@/components/drills/DrillProgress";
import type { DrillsT } from "@/components/drills/text";
import { getCurrentUser } from "@/lib/accounts/current-user.server";
import { loadDashboard } from "@/lib/db/dashboard.server";
import { listDrillAttempts } from "@/lib/db/drills.server";
import { currentStreak, familyStats } from "@/lib/drills/stats";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("dashboard");
  return { title: t("title") };
}

export default async function DashboardPage() {
  const [t, tTopics, tDifficulty, format, user] = await Promise.all([
    getTranslations("dashboard"),
    getTranslations("topics"),
    getTranslations("difficulty"),
    getFormatter(),
    getCurrentUser(),
  ]);
  const [data, drillAttempts, tDrills] = await Promise.all([
    user ? loadDashboard(user.id) : null,
    user ? listDrillAttempts(user.id) : [],
    getTranslations("drills"),
  ]);
  const percent = (v: number | null) =>
    v === null ? "—" : format.number(v, { style: "percent", maximumFractionDigits: 0 });
  return (
    <section>
      <h1>{t("title")}</h1>
      {!user || user.isAnonymous ? (
        <p className={styles.muted}>
          {t("guestNote")} <Link href="/signup">{(await getTranslations("account"))("signUpTitle")}</Link>
        </p>
      ) : null}
      {!data || (data.attempts === 0 && data.reviews === 0 && data.cards === 0) ? <p>{t("empty")}</p> : null}
      <dl className={styles.stats}>
        <div className={styles.stat}>
          <dt>{t("attempts")}</dt>
          <dd data-testid="stat-attempts">{data?.attempts ?? 0}</dd>
        </div>
        <div className={styles.stat}>
          <dt>{t("reviews")}</dt>
          <dd data-testid="stat-reviews">{data?.reviews ?? 0}</dd>
        </div>
        <div className={styles.stat}>
          <dt title={t("retentionHint")}>{t("retention")}</dt>
          <dd data-testid="stat-retention">{percent(data?.retention ?? null)}</dd>
        </div>
        <div className={styles.stat}>
          <dt title={t("masteredHint")}>{t("mastered")}</dt>
          <dd data-testid="stat-mastered">{data?.mastered ?? 0}</dd>
        </div>
        <div className={styles.stat}>
          <dt>{t("currentStreak")}</dt>
          <dd data-testid="stat-current-streak">{t("days", { count: data?.streak.current ?? 0 })}</dd>
        </div>
        <div className={styles.stat}>
          <dt>{t("longestStreak")}</dt>
          <dd data-testid="stat-longest-streak">{t("days", { count: data?.streak.longest ?? 0 })}</dd>
        </div>
      </dl>
      <p className={styles.muted}>{t("streakRule", { timeZone: data?.timeZone ?? "UTC" })}</p>
      <div className={styles.grid}>
        <section>
          <h2>{t("accuracyByTopic")}</h2>
          {data && data.byTopic.length > 0 ? (
            <AccuracyChart
              title={t("accuracyByTopic")}
              accuracyLabel={t("accuracy")}
              data={data.byTopic.map((a) => ({ ...a, label: tTopics(a.key as "fundamentals") }))}
            />
          ) : (
            <p className={styles.muted}>{t("noData")}</p>
          )}
        </section>
        <section>
          <h2>{t("accuracyByDifficulty")}</h2>
          {data && data.byDifficulty.length > 0 ? (
            <AccuracyChart
              title={t("accuracyByDifficulty")}
              accuracyLabel={t("accuracy")}
              data={data.byDifficulty.map((a) => ({ ...a, label: tDifficulty(a.key as "1") }))}
            />
          ) : (
            <p className={styles.muted}>{t("noData")}</p>
          )}
        </section>
      </div>
      <DrillProgress
        stats={familyStats(drillAttempts)}
        streak={currentStreak(drillAttempts)}
        t={tDrills as unknown as DrillsT}
      />
      <section>
        <h2>{t("heatmap")}</h2>
        <Heatmap
          days={data?.heatmap ?? []}
          title={t("heatmap")}
          less={t("less")}
          more={t("more")}
          label={(date, count) => t("heatmapDay", { date, count })}
        />
      </section>
      <section>
        <h2>{t("forecast")}</h2>
        <ForecastChart data={data?.forecast ?? []} title={t("forecast")} dueLabel={t("due")} />
      </section>
      <section>
        <h2>{(await getTranslations("settings"))("data")}</h2>
        <div className={styles.actions}>
          <a href="/api/progress/export" className="button" download>
            {t("export")}
          </a>
        </div>
        <ImportForm />
        <h3>{t("anki")}</h3>
        <div className={styles.actions}>
          <a href="/api/deck/anki?lang=en">{t("ankiEn")}</a>
          <a href="/api/deck/anki?lang=zh">{t("ankiZh")}</a>
          <a href="/api/deck/csv?lang=en">{t("csvEn")}</a>
          <a href="/api/deck/csv?lang=zh">{t("csvZh")}</a>
        </div>
      </section>
    </section>
  );
}
