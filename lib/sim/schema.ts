/**
 * The input contract: one zod schema (discriminated on `model`) for the API, the CLI and the
 * pages. Strict objects, bounds from the cost model's point of view, messages that name the field
 * and the allowed range. Parsing yields the canonical config: every default filled in, keys in a
 * fixed order (so JSON.stringify(config) is a cache key).
 */
import { z } from "zod";
import { ACTIVATIONS, CLIP_MODES, INITS, MODELS, NORMS, OPTIMIZERS, PRECISIONS } from "./choices";
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
} as const;

type Bound = { min: number; max: number; default: number };

const int = (field: string, b: Bound) => {
  const msg = `${field} must be an integer from ${b.min} to ${b.max}`;
  return z
    .number({ error: msg })
    .int({ error: msg })
    .min(b.min, { error: msg })
    .max(b.max, { error: msg })
    .default(b.default);
};

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

const TrainSchema = strict("train", {
  steps: int("train.steps", LIMITS.trainSteps),
  optimizer: oneOf("train.optimizer", OPTIMIZERS).default("sgd"),
  lr: num("train.lr", LIMITS.lr).default(LIMITS.lr.default),
  clip: ClipSchema.prefault({}),
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
  ...common,
});

const recurrentShape = {
  steps: int("steps", LIMITS.steps),
  hidden: int("hidden", LIMITS.hidden),
  inputs: int("inputs", LIMITS.inputs),
  inputScale: num("inputScale", LIMITS.inputScale).default(LIMITS.inputScale.default),
  batch: int("batch", LIMITS.recurrentBatch),
};

const RnnSchema = strict("an rnn config", {
  model: z.literal("rnn"),
  ...recurrentShape,
  spectralRadius: num("spectralRadius", LIMITS.spectralRadius).default(LIMITS.spectralRadius.default),
  ...common,
});

const LstmSchema = strict("an lstm config", {
  model: z.literal("lstm"),
  ...recurrentShape,
  forgetBias: num("forgetBias", LIMITS.forgetBias).default(LIMITS.forgetBias.default),
  ...common,
});

const GruSchema = strict("a gru config", {
  model: z.literal("gru"),
  ...recurrentShape,
  ...common,
});

const RawSchema = z.discriminatedUnion("model", [MlpSchema, RnnSchema, LstmSchema, GruSchema], {
  error: (iss) =>
    iss.code === "invalid_union" ? `model must be one of ${MODELS.join(", ")}` : "config must be a JSON object",
});

type Raw = z.output<typeof RawSchema>;

/** Fill initStd where it applies and fix the key order. */
function canonicalize(c: Raw): Raw {
  if (c.model !== "mlp") return c;
  const usesStd = c.init === "normal" || c.init === "uniform";
  const { model, depth, width, batch, activation, init, norm, residual, seed, precision, lossScale, train } = c;
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
