/**
 * The question file format (content/questions/*.yaml), validated with zod.
 * One file per question; both languages live side by side so a reviewer sees them together.
 * Simulation configs are kept as plain objects here and validated against the engine's own
 * schema by the content tests and the seed (lib/content reads only the engine's public names).
 * Every text is written in each of the app's locales (lib/i18n/locales.ts).
 */
import { z } from "zod";
import type { Locale } from "@/lib/i18n/locales";
import { VERDICTS } from "@/lib/sim";

export const TOPICS = [
  "fundamentals",
  "activations",
  "initialization",
  "normalization",
  "architecture",
  "optimization",
  "recurrent",
  "practice",
] as const;
export type Topic = (typeof TOPICS)[number];

export const QUESTION_TYPES = ["flashcard", "choice", "prediction"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const DIFFICULTIES = [1, 2, 3] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** Question, tag and scenario slugs: kebab-case (a question's slug is its file name). */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A question slug as it arrives in a form, a request or an export file. */
export const QuestionSlugSchema = z.string().max(200).regex(SLUG_PATTERN, "must be a question slug");

/** Choice and prediction option ids: one lowercase letter. */
export const OptionIdSchema = z.string().regex(/^[a-z]$/, "option ids are single lowercase letters");

const slug = z.string().regex(SLUG_PATTERN, "must be kebab-case: lowercase letters, digits and single hyphens");
const text = z.string().trim().min(1, "must not be empty");

/** A text in every locale; `satisfies` makes a new locale a compile error here until it is added. */
export const LocalizedSchema = z.strictObject({ en: text, zh: text }) satisfies z.ZodType<Record<Locale, string>>;
export type Localized = z.infer<typeof LocalizedSchema>;

const LocalizedListSchema = z
  .strictObject({ en: z.array(text).min(1), zh: z.array(text).min(1) })
  .refine((v) => v.en.length === v.zh.length, "en and zh must have the same number of items");

export const ReferenceSchema = z.strictObject({
  authors: text,
  year: z.number().int().min(1900).max(2100),
  title: text,
  venue: text.optional(),
  url: z.url().optional(),
});

/** An engine config as written in a content file; the engine's schema validates it. */
export const SimConfigRefSchema = z.record(z.string(), z.unknown());

/** What a scenario's config must show when run: the lesson, checked by the content tests. */
export const ExpectationSchema = z.strictObject({
  verdict: z.enum(VERDICTS).optional(),
  /** no NaN/Inf anywhere in the result */
  finite: z.boolean().optional(),
  /** training scenarios: final loss below `lossDropBelow` × initial loss */
  lossDropBelow: z.number().positive().optional(),
  /** training scenarios: final loss at least `lossStaysAbove` × initial loss */
  lossStaysAbove: z.number().positive().optional(),
  /** bounds on summary.log10GradRatio (the backward signal ‖∂L/∂h‖, first layer or step / last) */
  log10GradRatioAbove: z.number().optional(),
  log10GradRatioBelow: z.number().optional(),
  /** bounds on log10(summary.weightGradRatio) (the parameter gradient ‖∂L/∂W‖, first / last) */
  log10WeightGradRatioAbove: z.number().optional(),
  log10WeightGradRatioBelow: z.number().optional(),
  /**
   * MLP training scenarios: bounds on log10(stepNorm layer 1 / stepNorm layer depth), the last
   * update the optimizer applied, first layer over last (compare log10WeightGradRatio: the gradient)
   */
  log10StepRatioAbove: z.number().optional(),
  log10StepRatioBelow: z.number().optional(),
  /** training scenarios: the last step's weightNorm / the first step's (history: before each update) */
  weightNormRatioAbove: z.number().positive().optional(),
  weightNormRatioBelow: z.number().positive().optional(),
  /** MLP: the saturated fraction of the last layer (for the bce read-out, of σ of its logits) */
  outputSaturationAbove: z.number().min(0).max(1).optional(),
  outputSaturationBelow: z.number().min(0).max(1).optional(),
  /** Transformer: attentionEntropy (nats), the mean over blocks */
  attentionEntropyAbove: z.number().min(0).optional(),
  attentionEntropyBelow: z.number().positive().optional(),
  /** Transformer: the last block's ‖∂L/∂W₂‖ (the FFN output weights, Xiong et al. 2020's quantity) */
  lastBlockFfnGradAbove: z.number().positive().optional(),
  lastBlockFfnGradBelow: z.number().positive().optional(),
  /**
   * Transformer: log10 of block 1's query/key gradient √(‖∂L/∂W_q‖² + ‖∂L/∂W_k‖²) over the last
   * block's (first / last, like log10GradRatio; the lab's "query and key weights" metric)
   */
  log10QkGradRatioAbove: z.number().optional(),
  log10QkGradRatioBelow: z.number().optional(),
  /**
   * Sequences: log10 of the gradient reaching the first position over the last position's — the
   * recurrent nets' ‖∂L/∂h_t‖ at t = 1 over t = T, the Transformer's input ‖∂L/∂x_0[t]‖ (positions[])
   */
  log10PositionGradRatioAbove: z.number().optional(),
  log10PositionGradRatioBelow: z.number().optional(),
});
export type Expectation = z.infer<typeof ExpectationSchema>;

export const ScenarioRunSchema = z.strictObject({
  label: LocalizedSchema,
  config: SimConfigRefSchema,
  expect: ExpectationSchema,
});

/** An engine config knob as a dotted path into the canonical config: `init`, `train.clip.mode`. */
const KnobSchema = z.string().regex(/^[a-zA-Z]+(?:\.[a-zA-Z]+)*$/, "a config path such as init or train.lr");

export const ScenarioSchema = z.strictObject({
  key: slug,
  /**
   * The knobs in which every fix differs from the problem (canonical configs, defaults filled in),
   * so a reviewer sees at a glance what the comparison isolates; the content tests check it.
   */
  varies: z.array(KnobSchema).min(1).optional(),
  title: LocalizedSchema,
  /** what to notice in the chart */
  caption: LocalizedSchema,
  problem: ScenarioRunSchema,
  fixes: z.array(ScenarioRunSchema).min(1),
});

export const WrongAnswerSchema = z.strictObject({ claim: LocalizedSchema, why: LocalizedSchema });

export const ChoiceSpecSchema = z
  .strictObject({
    multiple: z.boolean(),
    options: z
      .array(
        z.strictObject({
          id: OptionIdSchema,
          text: LocalizedSchema,
          correct: z.boolean(),
          explanation: LocalizedSchema,
        }),
      )
      .min(2)
      .max(8),
  })
  .refine((c) => c.options.some((o) => o.correct), "at least one option must be correct")
  .refine(
    (c) => c.multiple || c.options.filter((o) => o.correct).length === 1,
    "a single-answer question has exactly one correct option",
  )
  .refine((c) => new Set(c.options.map((o) => o.id)).size === c.options.length, "option ids must be unique");

/**
 * Prediction questions: the learner predicts an outcome and the server runs the engine to grade
 * it. The correct answer is computed at grading time, never stored. `margin` is how far the true
 * value must sit from a decision boundary for the question to be unambiguous (checked by tests).
 */
export const PredictionSpecSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("verdict"),
    config: SimConfigRefSchema,
  }),
  z.strictObject({
    /** which layer (MLP) or time step (recurrent) has the smallest gradient norm */
    kind: z.literal("smallestGradient"),
    config: SimConfigRefSchema,
    /** the smallest must be below the runner-up by this factor */
    margin: z.number().min(1),
  }),
  z.strictObject({
    /** estimate log10(summary.gradRatio); correct within ± tolerance decades */
    kind: z.literal("log10GradRatio"),
    config: SimConfigRefSchema,
    tolerance: z.number().positive(),
  }),
  z.strictObject({
    /** will the loss fall? yes when final loss < (1 − margin) × initial loss */
    kind: z.literal("lossDecreases"),
    config: SimConfigRefSchema,
    margin: z.number().min(0).max(1),
  }),
  z.strictObject({
    /** which of these configs keeps gradients healthiest (|log10 gradRatio| smallest, finite) */
    kind: z.literal("healthiest"),
    options: z
      .array(z.strictObject({ id: OptionIdSchema, label: LocalizedSchema, config: SimConfigRefSchema }))
      .min(2)
      .max(4),
    /** the best option must beat the runner-up by this many decades */
    margin: z.number().positive(),
  }),
]);
export type PredictionSpec = z.infer<typeof PredictionSpecSchema>;

const base = {
  slug,
  /** breaks ties in the learning order (lib/content/learning-order.ts) among questions of one topic, difficulty and type */
  order: z.number().int().min(1).optional(),
  topic: z.enum(TOPICS),
  difficulty: z.union(DIFFICULTIES.map((d) => z.literal(d))),
  tags: z.array(slug).min(1),
  title: LocalizedSchema,
  prompt: LocalizedSchema,
  /** the 30-second spoken answer: 2–3 sentences a candidate says first */
  shortAnswer: LocalizedSchema,
  answer: LocalizedSchema,
  keyPoints: LocalizedListSchema,
  wrongAnswers: z.array(WrongAnswerSchema).min(1),
  references: z.array(ReferenceSchema).min(1, "cite at least one reference"),
  scenarios: z.array(ScenarioSchema).min(1, "every question links at least one simulation scenario"),
};

export const QuestionSchema = z.discriminatedUnion("type", [
  z.strictObject({ ...base, type: z.literal("flashcard") }),
  z.strictObject({ ...base, type: z.literal("choice"), choice: ChoiceSpecSchema }),
  z.strictObject({ ...base, type: z.literal("prediction"), prediction: PredictionSpecSchema }),
]);
export type Question = z.infer<typeof QuestionSchema>;
