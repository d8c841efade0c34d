/**
 * The question list's filters and sort as they appear in the URL. Each field is parsed on its own
 * so one bad value (a hand-edited link) drops that filter instead of failing the page; the URL of
 * a filter carries only what is set (no `topic=&difficulty=`), the same for the server's links,
 * its clean-up redirect and the form that filters as you choose.
 */
import { z } from "zod";
import { DIFFICULTIES, type Difficulty, QUESTION_TYPES, TOPICS } from "@/lib/content/schema";
import { DEFAULT_SORT, QUESTION_SORTS } from "@/lib/progress/question-sort";
import { STUDY_STATUSES } from "@/lib/progress/study-status";

/** The URL parameter of each filter field, in the order they appear in a URL. */
export const FILTER_PARAMS = {
  topic: "topic",
  difficulty: "difficulty",
  type: "type",
  status: "status",
  search: "q",
  sort: "sort",
} as const;

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);

export const QuestionFilterSchema = z.object({
  topic: z.preprocess(one, z.enum(TOPICS).optional()).catch(undefined),
  difficulty: z
    .preprocess(one, z.enum(DIFFICULTIES.map(String)).optional())
    .catch(undefined)
    .transform((d) => (d ? (Number(d) as Difficulty) : undefined)),
  type: z.preprocess(one, z.enum(QUESTION_TYPES).optional()).catch(undefined),
  search: z
    .preprocess(one, z.string().trim().max(100).optional())
    .catch(undefined)
    .transform((s) => s || undefined),
  /** the learner's study status (lib/progress/study-status.ts defines each) */
  status: z.preprocess(one, z.enum(STUDY_STATUSES).optional()).catch(undefined),
  sort: z.preprocess(one, z.enum(QUESTION_SORTS).optional()).catch(undefined),
});

export type QuestionFilter = z.output<typeof QuestionFilterSchema>;

type Params = Record<string, string | string[] | undefined>;

export function parseQuestionFilter(params: Params): QuestionFilter {
  return QuestionFilterSchema.parse(
    Object.fromEntries(Object.entries(FILTER_PARAMS).map(([field, param]) => [field, params[param]])),
  );
}

/** Whether anything narrows the list (the sort does not). */
export function isFiltered(f: Partial<QuestionFilter>): boolean {
  return Boolean(f.topic || f.difficulty || f.type || f.search || f.status);
}

/** The list's URL for a filter: only the fields that are set, the default sort left out. */
export function questionListHref(f: Partial<QuestionFilter>, path = "/questions"): string {
  const q = new URLSearchParams();
  for (const [field, param] of Object.entries(FILTER_PARAMS) as [keyof QuestionFilter, string][]) {
    const value = f[field];
    if (value === undefined || value === "" || (field === "sort" && value === DEFAULT_SORT)) continue;
    q.set(param, String(value));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** True when a URL carries empty filter parameters (`topic=&q=`), which the page redirects away. */
export function hasEmptyParams(params: Params): boolean {
  return Object.values(FILTER_PARAMS).some((p) => {
    const v = one(params[p]);
    return typeof v === "string" && v.trim() === "";
  });
}
