/**
 * The question list's filters as they appear in the URL. Each field is parsed on its own so one
 * bad value (a hand-edited link) drops that filter instead of failing the page.
 */
import { z } from "zod";
import { QUESTION_TYPES, TOPICS } from "../content/schema";

/** Statuses offered by the list's status filter (same names as StudyStatus in lib/db). */
export const STUDY_STATUS_FILTERS = ["new", "due", "learning", "mastered", "seen"] as const;

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);

export const QuestionFilterSchema = z.object({
  topic: z.preprocess(one, z.enum(TOPICS).optional()).catch(undefined),
  difficulty: z
    .preprocess(one, z.enum(["1", "2", "3"]).optional())
    .catch(undefined)
    .transform((d) => (d ? (Number(d) as 1 | 2 | 3) : undefined)),
  type: z.preprocess(one, z.enum(QUESTION_TYPES).optional()).catch(undefined),
  search: z.preprocess(one, z.string().trim().max(100).optional()).catch(undefined),
  /** the learner's study status (lib/db/study-status.server.ts defines each) */
  status: z.preprocess(one, z.enum(STUDY_STATUS_FILTERS).optional()).catch(undefined),
});

export type QuestionFilter = z.output<typeof QuestionFilterSchema>;

export function parseQuestionFilter(params: Record<string, string | string[] | undefined>): QuestionFilter {
  return QuestionFilterSchema.parse({
    topic: params.topic,
    difficulty: params.difficulty,
    type: params.type,
    search: params.q,
    status: params.status,
  });
}
