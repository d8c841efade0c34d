import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { AccuracyChart } from "@/components/dashboard/AccuracyChart";
import styles from "@/components/dashboard/Dashboard.module.css";
import { ForecastChart } from "@/components/dashboard/ForecastChart";
import { Heatmap } from "@/components/dashboard/Heatmap";
import { ImportForm } from "@/components/dashboard/ImportForm";
import { TodayPanel } from "@/components/dashboard/TodayPanel";
import { DrillProgress } from "@/components/drills/DrillProgress";
import { dueIntervals } from "@/components/drills/due-intervals";
import type { DrillsT } from "@/components/drills/text";
import { type CurrentUser, getCurrentUser } from "@/lib/accounts/current-user.server";
import { DIFFICULTIES, TOPICS } from "@/lib/content/schema";
import { loadDashboard } from "@/lib/db/dashboard.server";
import { listDrillAttempts } from "@/lib/db/drills.server";
import { loadToday } from "@/lib/db/today.server";
import { drillSchedules } from "@/lib/drill-service/schedule.server";
import { currentStreak, familyStats } from "@/lib/drills/stats";
import { browserTimeZone } from "@/lib/i18n/time-zone-cookie.server";
import { RETENTION_MIN_REVIEWS } from "@/lib/progress/stats";
import { STUDY_STATUSES } from "@/lib/progress/study-status";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("dashboard");
  return { title: t("title") };
}

/** Every group of `keys`, with the figures of those that have graded answers (the others at 0 of 0). */
function allGroups<K extends string | number>(
  keys: readonly K[],
  data: { key: string; correct: number; total: number; accuracy: number }[],
  label: (k: K) => string,
) {
  return keys.map((k) => {
    const d = data.find((x) => x.key === String(k));
    return { label: label(k), correct: d?.correct ?? 0, total: d?.total ?? 0, accuracy: d?.accuracy ?? 0 };
  });
}

/**
 * The learner is read before anything is sent (a session or guest cookie makes it a database
 * read): a database outage then answers 503 with the error page (ADR 25), as every other page
 * does. The figures render with the page, not behind a Suspense skeleton: React reveals a
 * fallback's content no sooner than 300 ms after the fallback showed, which turned this page's
 * ~100 ms of server work into a 400 ms wait; the header link shows a spinner meanwhile (LinkPending).
 */
export default async function DashboardPage() {
  const [t, user] = await Promise.all([getTranslations("dashboard"), getCurrentUser()]);
  return (
    <section className={styles.page}>
      <h1>{t("title")}</h1>
      <DashboardBody user={user} />
    </section>
  );
}

async function DashboardBody({ user }: { user: CurrentUser | null }) {
  const now = new Date();
  const [t, tAll, format, locale, detected] = await Promise.all([
    getTranslations("dashboard"),
    getTranslations(),
    getFormatter(),
    getLocale(),
    browserTimeZone(),
  ]);
  const [data, today, drillAttempts, schedules, tDrills, tCards] = await Promise.all([
    user ? loadDashboard(user.id, now) : null,
    user ? loadToday(user.id, now) : null,
    user ? listDrillAttempts(user.id) : [],
    drillSchedules(user?.id ?? null, now),
    getTranslations("drills"),
    getTranslations("flashcards"),
  ]);
  const timeZone = data?.timeZone ?? detected ?? "UTC";
  const percent = (v: number) => format.number(v, { style: "percent", maximumFractionDigits: 0 });
  const startReview = (
    <Link href="/flashcards" className="button">
      {tAll("today.startReview")}
    </Link>
  );
  const hasGraded = Boolean(data && (data.byTopic.length > 0 || data.byDifficulty.length > 0));
  const monthFormat = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en", { month: "short", timeZone: "UTC" });
  const weekday = (date: string) =>
    new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en", { weekday: "short", timeZone: "UTC" }).format(
      new Date(`${date}T00:00:00Z`),
    );

  return (
    <>
      {!user || user.isAnonymous ? (
        <p className={styles.muted}>
          {t("guestNote")} <Link href="/signup">{tAll("account.signUpTitle")}</Link>
        </p>
      ) : null}
      {today?.returning ? (
        <TodayPanel today={today} now={now} />
      ) : (
        <section className="panel" data-testid="dashboard-empty" aria-labelledby="dashboard-empty-title">
          <h2 id="dashboard-empty-title">{t("emptyTitle")}</h2>
          <p>{t("empty")}</p>
          <p className="button-row">
            {startReview}
            <Link href="/questions" className="button secondary">
              {tAll("home.start")}
            </Link>
          </p>
        </section>
      )}
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
          <dt>{t("retention")}</dt>
          <dd data-testid="stat-retention">{data?.retention != null ? percent(data.retention) : "—"}</dd>
          <dd className={styles.statHint}>
            {data?.retention != null
              ? t("retentionHint", { count: data.retentionReviews })
              : t("retentionNotYet", { min: RETENTION_MIN_REVIEWS, count: data?.retentionReviews ?? 0 })}
          </dd>
        </div>
        <div className={styles.stat}>
          <dt>{t("mastered")}</dt>
          <dd data-testid="stat-mastered">{data?.mastered ?? 0}</dd>
          <dd className={styles.statHint}>{t("masteredHint")}</dd>
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
      <p className={styles.muted}>{t("streakRule", { timeZone })}</p>

      <section aria-labelledby="statuses-title">
        <h2 id="statuses-title">{t("statusesTitle")}</h2>
        <dl className={styles.statuses} data-testid="status-definitions">
          {STUDY_STATUSES.map((s) => (
            <div key={s}>
              <dt>
                {tAll(`quiz.status.${s}`)}{" "}
                <strong data-testid={`dashboard-status-${s}`}>{data?.statuses[s] ?? 0}</strong>
              </dt>
              <dd>{t(`statusHint.${s}`)}</dd>
            </div>
          ))}
        </dl>
      </section>

      <div className={styles.grid}>
        {hasGraded && data ? (
          <>
            <section>
              <h2>{t("accuracyByTopic")}</h2>
              <AccuracyChart
                title={t("accuracyByTopic")}
                accuracyLabel={t("accuracy")}
                noAnswers={t("noAnswers")}
                data={allGroups(TOPICS, data.byTopic, (k) => tAll(`topics.${k}`))}
              />
            </section>
            <section>
              <h2>{t("accuracyByDifficulty")}</h2>
              <AccuracyChart
                title={t("accuracyByDifficulty")}
                accuracyLabel={t("accuracy")}
                noAnswers={t("noAnswers")}
                data={allGroups(DIFFICULTIES, data.byDifficulty, (k) => tAll(`difficulty.${k}`))}
              />
            </section>
          </>
        ) : (
          <section data-testid="accuracy-empty">
            <h2>{t("accuracy")}</h2>
            <p>{t("accuracyEmpty")}</p>
            <Link href="/quiz" className="button secondary">
              {tAll("today.takeQuiz")}
            </Link>
          </section>
        )}
      </div>
      <DrillProgress
        stats={familyStats(drillAttempts)}
        streak={currentStreak(drillAttempts)}
        schedules={schedules}
        intervals={dueIntervals(schedules, now, tCards as unknown as Parameters<typeof dueIntervals>[2])}
        t={tDrills as unknown as DrillsT}
      />
      <section>
        <h2>{t("heatmap")}</h2>
        {data && data.reviews > 0 ? (
          <Heatmap
            days={data.heatmap}
            title={t("heatmap")}
            less={t("less")}
            more={t("more")}
            label={(date, count) => t("heatmapDay", { date, count })}
            monthName={(date) => monthFormat.format(new Date(`${date}T00:00:00Z`))}
            weekdays={[weekday("2026-11-30"), weekday("2026-12-02"), weekday("2026-12-04")]}
          />
        ) : (
          <div data-testid="heatmap-empty">
            <p>{t("heatmapEmpty", { timeZone })}</p>
            {startReview}
          </div>
        )}
      </section>
      <section>
        <h2>{t("forecast")}</h2>
        {data && data.cards > 0 ? (
          <ForecastChart data={data.forecast} title={t("forecast")} dueLabel={t("due")} />
        ) : (
          <div data-testid="forecast-empty">
            <p>{t("forecastEmpty")}</p>
            {startReview}
          </div>
        )}
      </section>
      <section>
        <h2>{tAll("settings.data")}</h2>
        <div className={styles.actions}>
          <a href="/api/progress/export" className="button secondary" download>
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
    </>
  );
}
