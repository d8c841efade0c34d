/**
 * Quiz settings: what the setup form submits, validated with zod, and the seeded shuffle that
 * orders a quiz's questions (same seed → same order, so a quiz is reproducible and testable).
 */
import { z } from "zod";
import { DIFFICULTIES, TOPICS } from "@/lib/content/schema";

/** Question types a quiz can ask. Prediction questions are graded on their own page for now. */
export const QUIZ_TYPES = ["flashcard", "choice"] as const;
export const QUIZ_LENGTHS = [5, 10, 20] as const;

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

/** What is stored in QuizSession.settings: the validated settings and the shuffle's seed. */
export const StoredQuizSettingsSchema = QuizSettingsSchema.extend({ seed: z.number().int() });

/** The settings from a setup form's FormData (repeated fields for the checkboxes). */
export function parseQuizForm(formData: FormData) {
  return QuizSettingsSchema.safeParse({
    topics: [...new Set(formData.getAll("topic"))],
    difficulties: [...new Set(formData.getAll("difficulty"))],
    types: [...new Set(formData.getAll("type"))],
    length: formData.get("length") ?? undefined,
  });
}

/** mulberry32: a small, well-mixed 32-bit PRNG; returns floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle driven by `seed`; does not modify its input. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const random = mulberry32(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}
