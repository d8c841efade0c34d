/**
 * The input contract: one zod schema (discriminated on `model`) for the API, the CLI and the
 * pages. Strict objects, bounds from the cost model's point of view, messages that name the field
 * and the allowed range. Parsing yields the canonical config: every default filled in, keys in a
 * fixed order (so JSON.stringify(config) is a cache key).
 */
import { z } from "zod";
import {
  ACTIVATIONS,
  ATTENTION_SCALES,
  CLIP_MODES,
  FFN_ACTIVATIONS,
  INITS,
  MLP_LOSSES,
  MODELS,
  NORMS,
  OPTIMIZERS,
  PRECISIONS,
  RECURRENT_INITS,
  RECURRENT_LOSSES,
  RNN_ACTIVATIONS,
  SCHEDULES,
  TRANSFORMER_INITS,
  TRANSFORMER_LOSSES,
  TRANSFORMER_NORMS,
} from "./choices";
import { checkBudget } from "./cost";

/** Every bound in one place (the cost model decides which combinations fit). */
export const LIMITS = {
  depth: { min: 1, max: 200, default: 10 },
  width: { min: 1, max: 512, default: 64 },
  batch: { min: 1, max: 256, default: 32 },
  recurrentBatch: { min: 1, max: 256, default: 8 },
  initStd: { min: 1e-6, max: 100, default: 1 },
  steps: { min: 1, max: 500, default: 50 },
  hidden: { min: 1, max: 256, default: 32 },
  inputs: { min: 1, max: 256, default: 8 },
  inputScale: { min: 0, max: 100, default: 1 },
  spectralRadius: { min: 0, max: 10, default: 1 },
  forgetBias: { min: -20, max: 20, default: 1 },
  seed: { min: 0, max: 4294967295, default: 0 },
  lossScale: { min: 1, max: 4294967296, default: 1 },
  trainSteps: { min: 1, max: 2000, default: 50 },
  lr: { min: 1e-8, max: 100, default: 0.01 },
  clipThreshold: { min: 1e-8, max: 1e6, default: 1 },
  warmupSteps: { min: 0, max: 2000, default: 0 },
  weightDecay: { min: 0, max: 10, default: 0 },
  truncation: { min: 1, max: 500 },
  transformerDepth: { min: 1, max: 48, default: 6 },
  dModel: { min: 8, max: 256, default: 64 },
  heads: { min: 1, max: 8, default: 4 },
  seqLen: { min: 2, max: 128, default: 16 },
  transformerBatch: { min: 1, max: 64, default: 4 },
  ffnMult: { min: 1, max: 8, default: 4 },
} as const;

type Range = { min: number; max: number };
type Bound = Range & { default: number };

const integer = (field: string, b: Range) => {
  const msg = `${field} must be an integer from ${b.min} to ${b.max}`;
  return z.number({ error: msg }).int({ error: msg }).min(b.min, { error: msg }).max(b.max, { error: msg });
};

const int = (field: string, b: Bound) => integer(field, b).default(b.default);

const num = (field: string, b: Bound) => {
  const msg = `${field} must be a number from ${b.min} to ${b.max}`;
  return z.number({ error: msg }).min(b.min, { error: msg }).max(b.max, { error: msg });
};

const oneOf = <T extends readonly [string, ...string[]]>(field: string, values: T) =>
  z.enum(values, { error: `${field} must be one of ${values.join(", ")}` });

/** Strict object whose unknown-key message lists the allowed fields. */
const strict = <S extends z.ZodRawShape>(where: string, shape: S) =>
  z.strictObject(shape, {
    error: (iss) =>
      iss.code === "unrecognized_keys"
        ? `unknown field${iss.keys.length > 1 ? "s" : ""} ${iss.keys.map((k) => `"${k}"`).join(", ")} in ${where}; allowed: ${Object.keys(shape).join(", ")}`
        : `${where} must be an object`,
  });

const ClipSchema = strict("train.clip", {
  mode: oneOf("train.clip.mode", CLIP_MODES).default("none"),
  threshold: num("train.clip.threshold", LIMITS.clipThreshold).default(LIMITS.clipThreshold.default),
});

const ScheduleSchema = strict("train.schedule", {
  kind: oneOf("train.schedule.kind", SCHEDULES).default("constant"),
  warmupSteps: int("train.schedule.warmupSteps", LIMITS.warmupSteps),
});

const TrainSchema = strict("train", {
  steps: int("train.steps", LIMITS.trainSteps),
  optimizer: oneOf("train.optimizer", OPTIMIZERS).default("sgd"),
  lr: num("train.lr", LIMITS.lr).default(LIMITS.lr.default),
  schedule: ScheduleSchema.prefault({}),
  weightDecay: num("train.weightDecay", LIMITS.weightDecay).default(LIMITS.weightDecay.default),
  clip: ClipSchema.prefault({}),
  /** recurrent only: truncated BPTT over windows of this many steps (absent: full BPTT) */
  truncation: integer("train.truncation", LIMITS.truncation).optional(),
});

const common = {
  seed: int("seed", LIMITS.seed),
  precision: oneOf("precision", PRECISIONS).default("fp64"),
  lossScale: num("lossScale", LIMITS.lossScale).default(LIMITS.lossScale.default),
  train: TrainSchema.optional(),
};

const MlpSchema = strict("an mlp config", {
  model: z.literal("mlp"),
  depth: int("depth", LIMITS.depth),
  width: int("width", LIMITS.width),
  batch: int("batch", LIMITS.batch),
  activation: oneOf("activation", ACTIVATIONS).default("tanh"),
  init: oneOf("init", INITS).default("xavier"),
  initStd: num("initStd", LIMITS.initStd).optional(),
  norm: oneOf("norm", NORMS).default("none"),
  residual: z.boolean({ error: "residual must be true or false" }).default(false),
  loss: oneOf("loss", MLP_LOSSES).default("mse"),
  ...common,
});

const recurrentShape = {
  steps: int("steps", LIMITS.steps),
  hidden: int("hidden", LIMITS.hidden),
  inputs: int("inputs", LIMITS.inputs),
  inputScale: num("inputScale", LIMITS.inputScale).default(LIMITS.inputScale.default),
  batch: int("batch", LIMITS.recurrentBatch),
};

const recurrentLoss = { loss: oneOf("loss", RECURRENT_LOSSES).default("last") };

const RnnSchema = strict("an rnn config", {
  model: z.literal("rnn"),
  ...recurrentShape,
  spectralRadius: num("spectralRadius", LIMITS.spectralRadius).default(LIMITS.spectralRadius.default),
  recurrentInit: oneOf("recurrentInit", RECURRENT_INITS).default("gaussian"),
  activation: oneOf("activation", RNN_ACTIVATIONS).default("tanh"),
  ...recurrentLoss,
  ...common,
});

const LstmSchema = strict("an lstm config", {
  model: z.literal("lstm"),
  ...recurrentShape,
  forgetBias: num("forgetBias", LIMITS.forgetBias).default(LIMITS.forgetBias.default),
  ...recurrentLoss,
  ...common,
});

const GruSchema = strict("a gru config", {
  model: z.literal("gru"),
  ...recurrentShape,
  ...recurrentLoss,
  ...common,
});

const TransformerSchema = strict("a transformer config", {
  model: z.literal("transformer"),
  depth: int("depth", LIMITS.transformerDepth),
  dModel: int("dModel", LIMITS.dModel),
  heads: int("heads", LIMITS.heads),
  seqLen: int("seqLen", LIMITS.seqLen),
  batch: int("batch", LIMITS.transformerBatch),
  ffnMult: int("ffnMult", LIMITS.ffnMult),
  ffnActivation: oneOf("ffnActivation", FFN_ACTIVATIONS).default("relu"),
  norm: oneOf("norm", TRANSFORMER_NORMS).default("pre"),
  attentionScale: oneOf("attentionScale", ATTENTION_SCALES).default("sqrt"),
  causal: z.boolean({ error: "causal must be true or false" }).default(true),
  init: oneOf("init", TRANSFORMER_INITS).default("xavier"),
  loss: oneOf("loss", TRANSFORMER_LOSSES).default("all"),
  ...common,
});

const RawSchema = z.discriminatedUnion("model", [MlpSchema, RnnSchema, LstmSchema, GruSchema, TransformerSchema], {
  error: (iss) =>
    iss.code === "invalid_union" ? `model must be one of ${MODELS.join(", ")}` : "config must be a JSON object",
});

type Raw = z.output<typeof RawSchema>;

/** Fill initStd where it applies and fix the key order. */
function canonicalize(c: Raw): Raw {
  if (c.model !== "mlp") return c;
  const usesStd = c.init === "normal" || c.init === "uniform";
  const { model, depth, width, batch, activation, init, norm, residual, loss, seed, precision, lossScale, train } = c;
  return {
    model,
    depth,
    width,
    batch,
    activation,
    init,
    ...(usesStd ? { initStd: c.initStd ?? LIMITS.initStd.default } : {}),
    norm,
    residual,
    loss,
    seed,
    precision,
    lossScale,
    ...(train ? { train } : {}),
  };
}

export const SimConfigSchema = RawSchema.superRefine((c, ctx) => {
  if (c.model === "mlp") {
    if (c.initStd !== undefined && c.init !== "normal" && c.init !== "uniform")
      ctx.addIssue({
        code: "custom",
        path: ["initStd"],
        message: `initStd applies only to init "normal" or "uniform" (got init "${c.init}"); remove it`,
      });
    if (c.norm === "batch" && c.batch < 2)
      ctx.addIssue({
        code: "custom",
        path: ["batch"],
        message: `batch must be at least 2 with norm "batch" (batch statistics of one sample are degenerate)`,
      });
  }
  if (c.model === "transformer" && c.dModel % c.heads !== 0)
    ctx.addIssue({
      code: "custom",
      path: ["heads"],
      message: `heads must divide dModel (got dModel ${c.dModel}, heads ${c.heads}); each head has dModel/heads dimensions`,
    });
  const t = c.train;
  if (!t) return;
  if (t.truncation !== undefined && c.model !== "rnn" && c.model !== "lstm" && c.model !== "gru")
    ctx.addIssue({
      code: "custom",
      path: ["train", "truncation"],
      message: `train.truncation applies only to the recurrent models (rnn, lstm, gru); remove it`,
    });
  const { kind, warmupSteps } = t.schedule;
  const path = ["train", "schedule", "warmupSteps"];
  if (kind === "constant" && warmupSteps !== 0)
    ctx.addIssue({
      code: "custom",
      path,
      message: `train.schedule.warmupSteps applies only to the warm-up schedules (linear-warmup, warmup-cosine); set it to 0 or remove it`,
    });
  else if (kind === "linear-warmup" && warmupSteps < 1)
    ctx.addIssue({
      code: "custom",
      path,
      message: `train.schedule.warmupSteps must be at least 1 with schedule "linear-warmup"`,
    });
  if (warmupSteps > t.steps)
    ctx.addIssue({
      code: "custom",
      path,
      message: `train.schedule.warmupSteps must be at most train.steps (${t.steps})`,
    });
})
  .transform(canonicalize)
  .superRefine((c, ctx) => {
    const over = checkBudget(c);
    if (over) ctx.addIssue({ code: "custom", path: [], message: over });
  });

export type SimConfig = z.output<typeof SimConfigSchema>;
export type SimConfigInput = z.input<typeof SimConfigSchema>;
export type MlpConfig = Extract<SimConfig, { model: "mlp" }>;
export type RnnConfig = Extract<SimConfig, { model: "rnn" }>;
export type LstmConfig = Extract<SimConfig, { model: "lstm" }>;
export type GruConfig = Extract<SimConfig, { model: "gru" }>;
export type RecurrentConfig = RnnConfig | LstmConfig | GruConfig;
export type TransformerConfig = Extract<SimConfig, { model: "transformer" }>;
export type TrainConfig = NonNullable<SimConfig["train"]>;

export type ParseResult = { ok: true; config: SimConfig } | { ok: false; errors: { path: string; message: string }[] };

/** Validate + canonicalise + cost check, with person-readable errors (path "" = whole config). */
export function parseSimConfig(input: unknown): ParseResult {
  const r = SimConfigSchema.safeParse(input);
  if (r.success) return { ok: true, config: r.data };
  return {
    ok: false,
    errors: r.error.issues.map((iss) => ({ path: iss.path.map(String).join("."), message: iss.message })),
  };
}
