/** Quiz settings: what the setup form submits, validated with zod, and what a quiz session stores. */
import { z } from "zod";
import { DIFFICULTIES, QuestionSlugSchema, TOPICS } from "@/lib/content/schema";

/** Question types a quiz can ask: all of them (a prediction is graded by running the engine, as on its page). */
export const QUIZ_TYPES = ["flashcard", "choice", "prediction"] as const;
export const QUIZ_LENGTHS = [5, 10, 20] as const;
const MAX_QUIZ_LENGTH = Math.max(...QUIZ_LENGTHS);

/** Error codes are message keys in the `quiz.errors` namespace. */
export const QuizSettingsSchema = z.object({
  topics: z.array(z.enum(TOPICS, { error: "badTopic" })).min(1, { error: "noTopic" }),
  difficulties: z
    .array(
      z.coerce.number().pipe(
        z.union(
          DIFFICULTIES.map((d) => z.literal(d)),
          { error: "badDifficulty" },
        ),
      ),
    )
    .min(1, { error: "noDifficulty" }),
  types: z.array(z.enum(QUIZ_TYPES, { error: "badType" })).min(1, { error: "noType" }),
  length: z.coerce.number({ error: "badLength" }).pipe(
    z.union(
      QUIZ_LENGTHS.map((l) => z.literal(l)),
      { error: "badLength" },
    ),
  ),
});

export type QuizSettings = z.output<typeof QuizSettingsSchema>;

/**
 * What is stored in QuizSession.settings: the validated settings and the shuffle's seed; a quiz
 * that retries another one's mistakes has their number as its length and names the quiz it retries.
 */
export const StoredQuizSettingsSchema = QuizSettingsSchema.extend({
  seed: z.number().int(),
  length: z.number().int().min(1).max(MAX_QUIZ_LENGTH),
  retryOf: z.string().min(1).max(64).optional(),
});

/** What is stored in QuizSession.questionIds: the quiz's question slugs in the order asked. */
export const QuizQuestionsSchema = z
  .array(QuestionSlugSchema)
  .min(1)
  .max(Math.max(...QUIZ_LENGTHS));

/** The settings from a setup form's FormData (repeated fields for the checkboxes). */
export function parseQuizForm(formData: FormData) {
  return QuizSettingsSchema.safeParse({
    topics: [...new Set(formData.getAll("topic"))],
    difficulties: [...new Set(formData.getAll("difficulty"))],
    types: [...new Set(formData.getAll("type"))],
    length: formData.get("length") ?? undefined,
  });
}
