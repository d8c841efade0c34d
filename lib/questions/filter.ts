/**
 * The question list's filters as they appear in the URL. Each field is parsed on its own so one
 * bad value (a hand-edited link) drops that filter instead of failing the page.
 */
import { z } from "zod";
import { DIFFICULTIES, type Difficulty, QUESTION_TYPES, TOPICS } from "@/lib/content/schema";
import { STUDY_STATUSES } from "@/lib/progress/study-status";

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);

export const QuestionFilterSchema = z.object({
  topic: z.preprocess(one, z.enum(TOPICS).optional()).catch(undefined),
  difficulty: z
    .preprocess(one, z.enum(DIFFICULTIES.map(String)).optional())
    .catch(undefined)
    .transform((d) => (d ? (Number(d) as Difficulty) : undefined)),
  type: z.preprocess(one, z.enum(QUESTION_TYPES).optional()).catch(undefined),
  search: z.preprocess(one, z.string().trim().max(100).optional()).catch(undefined),
  /** the learner's study status (lib/progress/study-status.ts defines each) */
  status: z.preprocess(one, z.enum(STUDY_STATUSES).optional()).catch(undefined),
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
