/**
 * Today, for a returning learner (home page and dashboard), Anki's deck screen in one line: N due
 * · M new, "Start review", the quiz left unfinished, the streak. Server component.
 */
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { Today } from "@/lib/db/today.server";
import styles from "./Dashboard.module.css";

export async function TodayPanel({ today, now }: { today: Today; now: Date }) {
  const [t, format] = await Promise.all([getTranslations("today"), getFormatter()]);
  const toStudy = today.due + today.new;
  return (
    <section className={`panel ${styles.today}`} aria-labelledby="today-title" data-testid="today">
      <h2 id="today-title">{t("title")}</h2>
      <p className={styles.todayCounts}>
        <span>
          <strong data-testid="today-due">{today.due}</strong> {t("due")}
        </span>
        <span aria-hidden="true">·</span>
        <span>
          <strong data-testid="today-new">{today.new}</strong> {t("new")}
        </span>
        <span aria-hidden="true">·</span>
        <span data-testid="today-streak">
          {today.streak > 0 ? t("streak", { count: today.streak }) : t("noStreak")}
        </span>
      </p>
      {toStudy === 0 && (
        <p className={styles.muted}>
          {today.nextDue ? t("caughtUpNext", { relative: format.relativeTime(today.nextDue, now) }) : t("caughtUp")}
        </p>
      )}
      <p className="button-row">
        {toStudy > 0 ? (
          <Link href="/flashcards" className="button" data-testid="today-review">
            {t("startReview")}
          </Link>
        ) : null}
        {today.quiz ? (
          <Link
            href={`/quiz/${today.quiz.id}`}
            className={toStudy > 0 ? "button secondary" : "button"}
            data-testid="today-quiz"
          >
            {t("continueQuiz", { answered: today.quiz.answered, total: today.quiz.total })}
          </Link>
        ) : (
          <Link href="/quiz" className="button secondary">
            {t("takeQuiz")}
          </Link>
        )}
      </p>
    </section>
  );
}
