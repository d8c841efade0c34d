/**
 * The progress export format (docs/progress-export.md), version 2. Questions are referenced by
 * slug, never by internal id; attempts and quiz sessions keep their stable ids, review logs
 * their requestId, cards are keyed by question slug, drill attempts by (family, seed) — the
 * natural keys an import deduplicates on. Version 2 added drill attempts and the fitted FSRS
 * parameters; a version 1 file (without them) still imports.
 */
import { z } from "zod";
import { QuestionSlugSchema } from "@/lib/content/schema";
import { DrillExpectedSchema, DrillResponseSchema } from "@/lib/drills/attempt";
import { DrillFamilySchema, DrillSeedSchema } from "@/lib/drills/families";
import { FsrsFitSchema } from "@/lib/flashcards/fsrs-fit";
import { CARD_STATES, RATINGS } from "@/lib/flashcards/ratings";
import { StoredCardSchema } from "@/lib/flashcards/stored-card";
import { MAX_NEW_CARDS_PER_DAY, MAX_RETENTION, MIN_RETENTION } from "@/lib/flashcards/study-settings";
import { LOCALES } from "@/lib/i18n/locales";
import { isTimeZone } from "@/lib/i18n/time-zones";
import { QuizQuestionsSchema, StoredQuizSettingsSchema } from "@/lib/quiz/settings";
import { ATTEMPT_PAYLOADS } from "./attempt-payloads";
import { ATTEMPT_KINDS } from "./attempts";

export const PROGRESS_FORMAT = "gradlab-progress";
export const PROGRESS_VERSION = 2;
/** The versions an import reads: 1 has no drill attempts and no fitted parameters. */
export const PROGRESS_VERSIONS = [1, PROGRESS_VERSION] as const;
/** Upload limit for an import, in bytes. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** A file nests 6 levels deep (file → cards → card → reviews → review → previousCard); anything far deeper is not one. */
export const IMPORT_MAX_DEPTH = 16;
/** Imports one account may start per window, on every app server together (each one parses and writes up to 5 MB). */
export const IMPORT_LIMIT = { max: 20, windowMs: 60 * 60 * 1000 };

const Id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, "must be an id of letters, digits, _ or -");
const Instant = z.iso.datetime({ offset: false, message: "must be an ISO 8601 UTC timestamp" });

/** The learner's settings, with the bounds the settings form has (lib/accounts/settings.ts). */
const ExportedSettingsSchema = z.object({
  locale: z.enum(LOCALES),
  timeZone: z.string().refine(isTimeZone, "must be an IANA time zone, e.g. Asia/Shanghai"),
  newCardsPerDay: z.number().int().min(0).max(MAX_NEW_CARDS_PER_DAY),
  desiredRetention: z.number().min(MIN_RETENTION).max(MAX_RETENTION),
});

// Every stored value is checked with the schema its reader uses (attempt-payloads.ts, the quiz's
// and the flashcards' own), so an import can only store what the app itself could have written.
const QuizSessionSchema = z.object({
  id: Id,
  settings: StoredQuizSettingsSchema,
  questions: QuizQuestionsSchema,
  startedAt: Instant,
  finishedAt: Instant.nullable(),
  score: z.number().finite().nullable(),
});

const AttemptSchema = z.object({
  id: Id,
  question: QuestionSlugSchema,
  quizSession: Id.nullable(),
  kind: z.enum(ATTEMPT_KINDS),
  response: z.unknown(),
  expected: z.unknown(),
  correct: z.boolean().nullable(),
  score: z.number().finite().nullable(),
  createdAt: Instant,
});

const Int = z.number().int().min(0).max(1_000_000_000);
/** Stored as numbers, like the Card and ReviewLog columns (0 New … 3 Relearning). */
const CardStateNumber = z
  .number()
  .int()
  .min(0)
  .max(CARD_STATES.length - 1);
const Float = z.number().finite();

/** A DrillAttempt row (lib/drills/attempt.ts's schemas for its JSON), keyed by (family, seed). */
const DrillAttemptSchema = z.object({
  family: DrillFamilySchema,
  seed: DrillSeedSchema,
  response: DrillResponseSchema,
  expected: DrillExpectedSchema,
  correct: z.boolean(),
  errorDecades: z.number().finite().min(0).nullable(),
  margin: z.number().finite().min(0),
  engineVersion: z.string().min(1).max(100),
  createdAt: Instant,
});

const ReviewSchema = z.object({
  requestId: z.string().min(1).max(200),
  rating: z.number().int().min(1).max(RATINGS.length),
  state: CardStateNumber,
  due: Instant,
  stability: Float,
  difficulty: Float,
  elapsedDays: Int,
  lastElapsedDays: Int,
  scheduledDays: Int,
  learningSteps: Int,
  review: Instant,
  previousCard: StoredCardSchema.nullable(),
});

const CardSchema = z.object({
  question: QuestionSlugSchema,
  due: Instant,
  stability: Float,
  difficulty: Float,
  elapsedDays: Int,
  scheduledDays: Int,
  learningSteps: Int,
  reps: Int,
  lapses: Int,
  state: CardStateNumber,
  lastReview: Instant.nullable(),
  createdAt: Instant,
  reviews: z.array(ReviewSchema).max(100_000),
});

export const ProgressExportSchema = z
  .object({
    format: z.literal(PROGRESS_FORMAT),
    version: z.literal(PROGRESS_VERSIONS, { message: `version must be ${PROGRESS_VERSIONS.join(" or ")}` }),
    exportedAt: Instant,
    settings: ExportedSettingsSchema,
    quizSessions: z.array(QuizSessionSchema).max(100_000),
    attempts: z.array(AttemptSchema).max(500_000),
    cards: z.array(CardSchema).max(10_000),
    /** version 2: absent in version 1 files */
    drillAttempts: z.array(DrillAttemptSchema).max(500_000).default([]),
    /** version 2: the learner's fitted FSRS parameters (User.fsrsFit, ADR 28); null: none; absent: keep the account's */
    fsrsFit: FsrsFitSchema.nullable().optional(),
  })
  .superRefine((file, ctx) => {
    file.attempts.forEach((a, i) => {
      const schemas = ATTEMPT_PAYLOADS[a.kind];
      for (const field of ["response", "expected"] as const) {
        const parsed = schemas[field].safeParse(a[field] ?? null);
        if (!parsed.success) {
          ctx.addIssue({
            code: "custom",
            path: ["attempts", i, field, ...(parsed.error.issues[0]?.path ?? [])],
            message: `not what a "${a.kind}" attempt stores: ${parsed.error.issues[0]?.message ?? "invalid"}`,
          });
        }
      }
    });
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

/** Every question slug a file refers to (attempts, cards and quizzes). */
export function referencedSlugs(file: ProgressExport): string[] {
  return [
    ...new Set([
      ...file.attempts.map((a) => a.question),
      ...file.cards.map((c) => c.question),
      ...file.quizSessions.flatMap((q) => q.questions),
    ]),
  ].sort();
}

/** Human-readable summary of zod issues: "attempts.3.kind: Invalid option…" (first few). */
export function describeIssues(issues: z.core.$ZodIssue[], max = 5): string {
  const lines = issues.slice(0, max).map((i) => `${i.path.length ? i.path.join(".") : "file"}: ${i.message}`);
  if (issues.length > max) lines.push(`…and ${issues.length - max} more`);
  return lines.join("; ");
}
