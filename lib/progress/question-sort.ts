/**
 * The question list's orders over questions already in the learning order (their bank order):
 * a stable sort, so within one difficulty or one status the learning order stays. Here, beside the
 * statuses it orders by, so the list's query (lib/db) and its URL (lib/questions/filter.ts) both
 * read it without a cycle between those folders.
 */
import type { Difficulty } from "@/lib/content/schema";
import type { StudyStatus } from "./study-status";

/** The list's orders: the learning order (the default), by difficulty, or by study status (due first). */
export const QUESTION_SORTS = ["learning", "difficulty", "status"] as const;
export type QuestionSort = (typeof QUESTION_SORTS)[number];
export const DEFAULT_SORT: QuestionSort = "learning";

/** What to work on first: due reviews, cards being learned, new questions, then the seen and the mastered. */
export const STATUS_ORDER: readonly StudyStatus[] = ["due", "learning", "new", "seen", "mastered"];

export function sortQuestions<Q extends { difficulty: Difficulty; status: StudyStatus }>(
  questions: readonly Q[],
  sort: QuestionSort,
): Q[] {
  const list = [...questions];
  if (sort === "difficulty") return list.sort((a, b) => a.difficulty - b.difficulty);
  if (sort === "status") return list.sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status));
  return list;
}
