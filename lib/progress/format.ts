/**
 * The progress export format (docs/progress-export.md), version 1. Questions are referenced by
 * slug, never by internal id; attempts and quiz sessions keep their stable ids, review logs
 * their requestId, cards are keyed by question slug — the natural keys an import deduplicates on.
 */
import { z } from "zod";

export const PROGRESS_FORMAT = "gradlab-progress";
export const PROGRESS_VERSION = 1;
/** Upload limit for an import, in bytes. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

const Slug = z
  .string()
  .max(200)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a question slug");
const Id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, "must be an id of letters, digits, _ or -");
const Instant = z.iso.datetime({ offset: false, message: "must be an ISO 8601 UTC timestamp" });
// biome-ignore lint/suspicious/noExplicitAny: JSON values are arbitrary by definition
const JsonValue: z.ZodType<any> = z.json();

export const SettingsSchema = z.object({
  locale: z.enum(["en", "zh"]),
  timeZone: z.string().min(1).max(64),
  newCardsPerDay: z.number().int().min(0).max(200),
  desiredRetention: z.number().min(0.7).max(0.99),
});

export const QuizSessionSchema = z.object({
  id: Id,
  settings: JsonValue,
  questions: JsonValue,
  startedAt: Instant,
  finishedAt: Instant.nullable(),
  score: z.number().finite().nullable(),
});

export const AttemptSchema = z.object({
  id: Id,
  question: Slug,
  quizSession: Id.nullable(),
  kind: z.enum(["reveal", "recall", "choice", "prediction"]),
  response: JsonValue.nullable(),
  expected: JsonValue.nullable(),
  correct: z.boolean().nullable(),
  score: z.number().finite().nullable(),
  createdAt: Instant,
});

const Int = z.number().int().min(0).max(1_000_000_000);
const Float = z.number().finite();

export const ReviewSchema = z.object({
  requestId: z.string().min(1).max(200),
  rating: z.number().int().min(1).max(4),
  state: z.number().int().min(0).max(3),
  due: Instant,
  stability: Float,
  difficulty: Float,
  elapsedDays: Int,
  lastElapsedDays: Int,
  scheduledDays: Int,
  learningSteps: Int,
  review: Instant,
  previousCard: JsonValue,
});

export const CardSchema = z.object({
  question: Slug,
  due: Instant,
  stability: Float,
  difficulty: Float,
  elapsedDays: Int,
  scheduledDays: Int,
  learningSteps: Int,
  reps: Int,
  lapses: Int,
  state: z.number().int().min(0).max(3),
  lastReview: Instant.nullable(),
  createdAt: Instant,
  reviews: z.array(ReviewSchema).max(100_000),
});

export const ProgressExportSchema = z
  .object({
    format: z.literal(PROGRESS_FORMAT),
    version: z.literal(PROGRESS_VERSION, { message: `version must be ${PROGRESS_VERSION}` }),
    exportedAt: Instant,
    settings: SettingsSchema,
    quizSessions: z.array(QuizSessionSchema).max(100_000),
    attempts: z.array(AttemptSchema).max(500_000),
    cards: z.array(CardSchema).max(10_000),
  })
  .superRefine((file, ctx) => {
    const quizIds = new Set(file.quizSessions.map((q) => q.id));
    file.attempts.forEach((a, i) => {
      if (a.quizSession !== null && !quizIds.has(a.quizSession)) {
        ctx.addIssue({
          code: "custom",
          path: ["attempts", i, "quizSession"],
          message: `no quiz session "${a.quizSession}" in the file`,
        });
      }
    });
    const seen = new Set<string>();
    file.cards.forEach((c, i) => {
      if (seen.has(c.question))
        ctx.addIssue({ code: "custom", path: ["cards", i, "question"], message: `a second card for "${c.question}"` });
      seen.add(c.question);
    });
  });

export type ProgressExport = z.infer<typeof ProgressExportSchema>;

/** Every question slug a file refers to (attempts and cards). */
export function referencedSlugs(file: ProgressExport): string[] {
  return [...new Set([...file.attempts.map((a) => a.question), ...file.cards.map((c) => c.question)])].sort();
}

/** Human-readable summary of zod issues: "attempts.3.kind: Invalid option…" (first few). */
export function describeIssues(issues: z.core.$ZodIssue[], max = 5): string {
  const lines = issues.slice(0, max).map((i) => `${i.path.length ? i.path.join(".") : "file"}: ${i.message}`);
  if (issues.length > max) lines.push(`…and ${issues.length - max} more`);
  return lines.join("; ");
}
