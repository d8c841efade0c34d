import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/accounts/current-user.server";
import { DIFFICULTIES, QUESTION_TYPES, TOPICS } from "@/lib/content/schema";
import { listQuestionsWithStatus } from "@/lib/db/study-status.server";
import { toLocale } from "@/lib/i18n/locales";
import { STUDY_STATUSES } from "@/lib/progress/study-status";
import { questionEntries } from "@/lib/questions/bank.server";
import { parseQuestionFilter } from "@/lib/questions/filter";
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
  const lang = toLocale(locale);
  const filter = parseQuestionFilter(params);
  const { questions, counts } = await listQuestionsWithStatus(
    lang,
    filter,
    user?.id ?? null,
    new Date(),
    questionEntries, // the bank in memory: only the learner's statuses are read per request
  );
  const filtered = Boolean(filter.topic || filter.difficulty || filter.type || filter.search || filter.status);
  /** The list's URL with the current filters and `status` replaced (undefined removes it). */
  const withStatus = (status: string | undefined) => {
    const q = new URLSearchParams();
    if (filter.topic) q.set("topic", filter.topic);
    if (filter.difficulty) q.set("difficulty", String(filter.difficulty));
    if (filter.type) q.set("type", filter.type);
    if (filter.search) q.set("q", filter.search);
    if (status) q.set("status", status);
    const s = q.toString();
    return s ? `/questions?${s}` : "/questions";
  };

  return (
    <>
      <h1>{t("list.title")}</h1>
      <search>
        <form className="filters" method="get">
          <label>
            {t("list.topic")}
            <select name="topic" defaultValue={filter.topic ?? ""}>
              <option value="">{t("list.any")}</option>
              {TOPICS.map((topic) => (
                <option key={topic} value={topic}>
                  {t(`topics.${topic}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("difficulty.label")}
            <select name="difficulty" defaultValue={filter.difficulty ? String(filter.difficulty) : ""}>
              <option value="">{t("list.any")}</option>
              {DIFFICULTIES.map((d) => (
                <option key={d} value={d}>
                  {t(`difficulty.${d}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("list.type")}
            <select name="type" defaultValue={filter.type ?? ""}>
              <option value="">{t("list.any")}</option>
              {QUESTION_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`types.${type}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("quiz.status.label")}
            <select name="status" defaultValue={filter.status ?? ""}>
              <option value="">{t("list.any")}</option>
              {STUDY_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`quiz.status.${status}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="grow">
            {t("list.search")}
            <input
              type="search"
              name="q"
              defaultValue={filter.search ?? ""}
              placeholder={t("list.searchPlaceholder")}
            />
          </label>
          <button type="submit" className="button">
            {t("list.apply")}
          </button>
          {filtered && <Link href="/questions">{t("list.clear")}</Link>}
        </form>
      </search>

      <nav aria-label={t("quiz.status.countsLabel")}>
        <ul className={styles.counts} data-testid="status-counts">
          {STUDY_STATUSES.map((status) => (
            <li key={status}>
              <Link
                href={withStatus(filter.status === status ? undefined : status)}
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
      <p className="muted" aria-live="polite" data-testid="question-count">
        {t("list.count", { count: questions.length })}
      </p>
      <ul className="question-list">
        {questions.map((q) => {
          return (
            <li key={q.slug} className="card question-row">
              <Link href={`/questions/${q.slug}`} className="question-title">
                {q.title}
              </Link>
              <div className="meta">
                <span className="badge">{t(`topics.${q.topic}`)}</span>
                <span className="badge">{t(`types.${q.type}`)}</span>
                <span className={`badge difficulty-${q.difficulty}`}>{t(`difficulty.${q.difficulty}`)}</span>
                <span className={`status ${styles.badge} ${styles[q.status] ?? ""}`} data-testid={`status-${q.slug}`}>
                  {t(`quiz.status.${q.status}`)}
                </span>
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
