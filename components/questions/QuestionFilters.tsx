"use client";
/**
 * The question list's filters. Without JavaScript a plain GET form with "Apply"; with it, a
 * choice applies at once and typing in the search box applies after a short pause, always to a
 * clean URL (only what is set: lib/questions/filter.ts). The page re-renders on the server; while
 * it does, the form says so (data-pending) and the list below dims.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type ChangeEvent, type FormEvent, useEffect, useRef, useState, useTransition } from "react";
import { DIFFICULTIES, QUESTION_TYPES, TOPICS } from "@/lib/content/schema";
import { QUESTION_SORTS } from "@/lib/progress/question-sort";
import { STUDY_STATUSES } from "@/lib/progress/study-status";
import {
  FILTER_PARAMS,
  isFiltered,
  parseQuestionFilter,
  type QuestionFilter,
  questionListHref,
} from "@/lib/questions/filter";
import styles from "./QuestionFilters.module.css";

/** Typing pauses this long before the search applies. */
const SEARCH_DELAY_MS = 300;

export function QuestionFilters({ filter }: { filter: QuestionFilter }) {
  const t = useTranslations();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [values, setValues] = useState(filter);

  // The URL changed from elsewhere (a status chip, Back): show what it says. The search box keeps
  // what the learner is typing.
  const href = questionListHref(filter);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `href` stands for the filter's contents
  useEffect(() => {
    setValues(filter);
    if (searchRef.current && document.activeElement !== searchRef.current)
      searchRef.current.value = filter.search ?? "";
  }, [href]);
  useEffect(() => () => clearTimeout(timer.current), []);

  function apply() {
    clearTimeout(timer.current);
    const form = formRef.current;
    if (!form) return;
    const params = Object.fromEntries(new FormData(form).entries()) as Record<string, string>;
    const next = questionListHref(parseQuestionFilter(params));
    if (next !== `${window.location.pathname}${window.location.search}`)
      startTransition(() => router.replace(next, { scroll: false }));
  }

  function onSelect(e: ChangeEvent<HTMLSelectElement>) {
    const { name, value } = e.target;
    const field = fieldOf(name);
    const parsed = parseQuestionFilter({ [name]: value })[field];
    setValues((v) => ({ ...v, [field]: parsed }));
    apply();
  }

  function onSearch() {
    clearTimeout(timer.current);
    timer.current = setTimeout(apply, SEARCH_DELAY_MS);
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    apply();
  }

  const select = (name: string, label: string, value: string, options: { value: string; label: string }[]) => (
    <label>
      {label}
      <select name={name} value={value} onChange={onSelect}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
  const any = { value: "", label: t("list.any") };

  return (
    <search>
      <form
        ref={formRef}
        className={`filters ${styles.filters}`}
        method="get"
        action="/questions"
        onSubmit={onSubmit}
        data-pending={pending ? "true" : undefined}
        aria-busy={pending}
        data-testid="question-filters"
      >
        {select("topic", t("list.topic"), values.topic ?? "", [
          any,
          ...TOPICS.map((topic) => ({ value: topic, label: t(`topics.${topic}`) })),
        ])}
        {select("difficulty", t("difficulty.label"), values.difficulty ? String(values.difficulty) : "", [
          any,
          ...DIFFICULTIES.map((d) => ({ value: String(d), label: t(`difficulty.${d}`) })),
        ])}
        {select("type", t("list.type"), values.type ?? "", [
          any,
          ...QUESTION_TYPES.map((type) => ({ value: type, label: t(`types.${type}`) })),
        ])}
        {select("status", t("quiz.status.label"), values.status ?? "", [
          any,
          ...STUDY_STATUSES.map((status) => ({ value: status, label: t(`quiz.status.${status}`) })),
        ])}
        {select(
          "sort",
          t("list.sort"),
          values.sort ?? "learning",
          QUESTION_SORTS.map((sort) => ({ value: sort, label: t(`list.sorts.${sort}`) })),
        )}
        {/* the search and the buttons share one line, so Apply and Clear line up with an input */}
        <div className={styles.searchRow}>
          <label className="grow">
            {t("list.search")}
            <input
              ref={searchRef}
              type="search"
              name="q"
              defaultValue={filter.search ?? ""}
              placeholder={t("list.searchPlaceholder")}
              onChange={onSearch}
              maxLength={100}
            />
          </label>
          <button type="submit" className="button">
            {t("list.apply")}
          </button>
          {isFiltered(filter) && (
            <Link href={questionListHref({ sort: filter.sort })} className="button secondary">
              {t("list.clear")}
            </Link>
          )}
        </div>
      </form>
    </search>
  );
}

/** The filter field a URL parameter fills (`q` → search). */
function fieldOf(param: string): keyof QuestionFilter {
  const entry = Object.entries(FILTER_PARAMS).find(([, p]) => p === param);
  return (entry?.[0] ?? param) as keyof QuestionFilter;
}
