import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/guest.server";
import { QUESTION_TYPES, TOPICS } from "@/lib/content/schema";
import { attemptCountsBySlug } from "@/lib/db/attempts.server";
import { listQuestions } from "@/lib/db/questions.server";
import { isLocale } from "@/lib/i18n/locales";
import { parseQuestionFilter } from "@/lib/validation/question-filter";

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
  const lang = isLocale(locale) ? locale : "en";
  const filter = parseQuestionFilter(params);
  const [questions, counts] = await Promise.all([
    listQuestions(lang, filter),
    user ? attemptCountsBySlug(user.id) : Promise.resolve(new Map<string, number>()),
  ]);
  const filtered = Boolean(filter.topic || filter.difficulty || filter.type || filter.search);

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
              {(["1", "2", "3"] as const).map((d) => (
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

      <p className="muted" aria-live="polite" data-testid="question-count">
        {t("list.count", { count: questions.length })}
      </p>
      <ul className="question-list">
        {questions.map((q) => {
          const attempts = counts.get(q.slug) ?? 0;
          return (
            <li key={q.slug} className="card question-row">
              <Link href={`/questions/${q.slug}`} className="question-title">
                {q.title}
              </Link>
              <div className="meta">
                <span className="badge">{t(`topics.${q.topic}`)}</span>
                <span className="badge">{t(`types.${q.type}`)}</span>
                <span className={`badge difficulty-${q.difficulty}`}>{t(`difficulty.${q.difficulty}`)}</span>
                <span className="status" data-testid={`status-${q.slug}`}>
                  {attempts > 0 ? t("list.attempted", { count: attempts }) : t("list.new")}
                </span>
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
