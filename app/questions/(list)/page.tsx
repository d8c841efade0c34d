import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { MasteryBars } from "@/components/questions/MasteryBars";
import { QuestionFilters } from "@/components/questions/QuestionFilters";
import { getCurrentUser } from "@/lib/accounts/current-user.server";
import { listQuestionsWithStatus } from "@/lib/db/study-status.server";
import { toLocale } from "@/lib/i18n/locales";
import { STUDY_STATUSES } from "@/lib/progress/study-status";
import { questionEntries } from "@/lib/questions/bank.server";
import { hasEmptyParams, isFiltered, parseQuestionFilter, questionListHref } from "@/lib/questions/filter";
import list from "./list.module.css";
import styles from "./status.module.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("list");
  return { title: t("title") };
}

export default async function QuestionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [params, locale, t, user] = await Promise.all([searchParams, getLocale(), getTranslations(), getCurrentUser()]);
  const filter = parseQuestionFilter(params);
  // A form sent without JavaScript names every field, set or not: answer with the clean URL.
  if (hasEmptyParams(params)) redirect(questionListHref(filter));
  const lang = toLocale(locale);
  const { questions, counts, mastery } = await listQuestionsWithStatus(
    lang,
    filter,
    user?.id ?? null,
    new Date(),
    questionEntries, // the bank in memory: only the learner's statuses are read per request
  );
  const { status: _status, sort: _sort, ...narrowing } = filter;

  return (
    <>
      <h1>{t("list.title")}</h1>
      <QuestionFilters filter={filter} />
      <MasteryBars report={mastery} />

      <nav aria-label={t("quiz.status.countsLabel")}>
        <ul className={styles.counts} data-testid="status-counts">
          {STUDY_STATUSES.map((status) => (
            <li key={status}>
              <Link
                href={questionListHref({ ...filter, status: filter.status === status ? undefined : status })}
                className={`${styles.chip} ${styles[status] ?? ""}`}
                aria-current={filter.status === status ? "true" : undefined}
                data-testid={`status-count-${status}`}
              >
                {t(`quiz.status.${status}`)} <span className={styles.num}>{counts[status]}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className={list.head}>
        <p className="muted" aria-live="polite" data-testid="question-count">
          {t("list.count", { count: questions.length })}
        </p>
        {counts.new > 0 && (
          <Link href={questionListHref(narrowing, "/questions/random")} className={list.random} prefetch={false}>
            {t("list.random")}
          </Link>
        )}
      </div>
      {questions.length === 0 ? (
        <section className={`panel ${list.empty}`} data-testid="no-match" aria-labelledby="no-match-title">
          <h2 id="no-match-title">
            {filter.search ? t("list.noMatchSearch", { search: filter.search }) : t("list.noMatch")}
          </h2>
          <p>{filter.search ? t("list.noMatchSearchHint") : t("list.noMatchHint")}</p>
          <p className="button-row">
            {filter.search && isFiltered({ ...filter, search: undefined }) && (
              <Link href={questionListHref({ search: filter.search })} className="button">
                {t("list.searchEverywhere", { search: filter.search })}
              </Link>
            )}
            <Link href="/questions" className="button secondary">
              {t("list.clear")}
            </Link>
          </p>
        </section>
      ) : (
        <ol className={list.rows} data-testid="question-list">
          {questions.map((q) => (
            <li key={q.slug} className={list.row}>
              <span className={list.number}>{q.number}.</span>
              <Link href={`/questions/${q.slug}`} className={list.title}>
                {q.title}
              </Link>
              <span className={list.meta}>
                <span className={`badge ${list.topic}`}>{t(`topics.${q.topic}`)}</span>
                <span className="badge">{t(`types.${q.type}`)}</span>
                <span className={`badge difficulty-${q.difficulty}`}>{t(`difficulty.${q.difficulty}`)}</span>
                <span className={`${styles.badge} ${styles[q.status] ?? ""}`} data-testid={`status-${q.slug}`}>
                  {t(`quiz.status.${q.status}`)}
                </span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
