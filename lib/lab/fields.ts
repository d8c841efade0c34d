/**
 * The lab's controls as data: which field each model shows, its kind and bounds, and when it
 * applies. The form (components/lab/LabFields.tsx), the values it shows (slots.ts) and the
 * translated field errors (field-errors.ts) all read this one table.
 */
import {
  ACTIVATIONS,
  ATTENTION_SCALES,
  CLIP_MODES,
  FFN_ACTIVATIONS,
  INITS,
  LIMITS,
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
} from "@/lib/sim";

export type ModelName = (typeof MODELS)[number];
export const MODEL_NAMES: readonly ModelName[] = MODELS;
type Bound = { min: number; max: number };

export type FieldSpec = {
  /** the flat dotted key (the URL's and the form's name after the slot prefix) */
  name: string;
  kind: "int" | "number" | "choice";
  bound?: Bound;
  choices?: readonly string[];
  models: readonly ModelName[];
  /** the training section's fields (shown only with training on) */
  training?: boolean;
  /** shown only when this holds for the slot's current values */
  when?: (value: (name: string) => string) => boolean;
};

const RECURRENT: readonly ModelName[] = ["rnn", "lstm", "gru"];
const ALL = MODEL_NAMES;
const usesStd = (v: (name: string) => string) => v("init") === "normal" || v("init") === "uniform";

export const FIELDS: readonly FieldSpec[] = [
  { name: "depth", kind: "int", bound: LIMITS.transformerDepth, models: ["transformer"] },
  { name: "dModel", kind: "int", bound: LIMITS.dModel, models: ["transformer"] },
  { name: "heads", kind: "int", bound: LIMITS.heads, models: ["transformer"] },
  { name: "seqLen", kind: "int", bound: LIMITS.seqLen, models: ["transformer"] },
  { name: "batch", kind: "int", bound: LIMITS.transformerBatch, models: ["transformer"] },
  { name: "ffnMult", kind: "int", bound: LIMITS.ffnMult, models: ["transformer"] },
  { name: "ffnActivation", kind: "choice", choices: FFN_ACTIVATIONS, models: ["transformer"] },
  { name: "norm", kind: "choice", choices: TRANSFORMER_NORMS, models: ["transformer"] },
  { name: "attentionScale", kind: "choice", choices: ATTENTION_SCALES, models: ["transformer"] },
  { name: "causal", kind: "choice", choices: ["true", "false"], models: ["transformer"] },
  { name: "init", kind: "choice", choices: TRANSFORMER_INITS, models: ["transformer"] },
  { name: "loss", kind: "choice", choices: TRANSFORMER_LOSSES, models: ["transformer"] },
  { name: "depth", kind: "int", bound: LIMITS.depth, models: ["mlp"] },
  { name: "width", kind: "int", bound: LIMITS.width, models: ["mlp"] },
  { name: "batch", kind: "int", bound: LIMITS.batch, models: ["mlp"] },
  { name: "activation", kind: "choice", choices: ACTIVATIONS, models: ["mlp"] },
  { name: "init", kind: "choice", choices: INITS, models: ["mlp"] },
  { name: "initStd", kind: "number", bound: LIMITS.initStd, models: ["mlp"], when: usesStd },
  { name: "norm", kind: "choice", choices: NORMS, models: ["mlp"] },
  { name: "residual", kind: "choice", choices: ["false", "true"], models: ["mlp"] },
  { name: "loss", kind: "choice", choices: MLP_LOSSES, models: ["mlp"] },
  { name: "steps", kind: "int", bound: LIMITS.steps, models: RECURRENT },
  { name: "hidden", kind: "int", bound: LIMITS.hidden, models: RECURRENT },
  { name: "inputs", kind: "int", bound: LIMITS.inputs, models: RECURRENT },
  { name: "inputScale", kind: "number", bound: LIMITS.inputScale, models: RECURRENT },
  { name: "batch", kind: "int", bound: LIMITS.recurrentBatch, models: RECURRENT },
  { name: "spectralRadius", kind: "number", bound: LIMITS.spectralRadius, models: ["rnn"] },
  { name: "recurrentInit", kind: "choice", choices: RECURRENT_INITS, models: ["rnn"] },
  { name: "activation", kind: "choice", choices: RNN_ACTIVATIONS, models: ["rnn"] },
  { name: "forgetBias", kind: "number", bound: LIMITS.forgetBias, models: ["lstm"] },
  { name: "loss", kind: "choice", choices: RECURRENT_LOSSES, models: RECURRENT },
  { name: "seed", kind: "int", bound: LIMITS.seed, models: ALL },
  { name: "precision", kind: "choice", choices: PRECISIONS, models: ALL },
  { name: "lossScale", kind: "number", bound: LIMITS.lossScale, models: ALL },
  { name: "train.steps", kind: "int", bound: LIMITS.trainSteps, models: ALL, training: true },
  { name: "train.optimizer", kind: "choice", choices: OPTIMIZERS, models: ALL, training: true },
  { name: "train.lr", kind: "number", bound: LIMITS.lr, models: ALL, training: true },
  { name: "train.schedule.kind", kind: "choice", choices: SCHEDULES, models: ALL, training: true },
  {
    name: "train.schedule.warmupSteps",
    kind: "int",
    bound: LIMITS.warmupSteps,
    models: ALL,
    training: true,
    when: (v) => v("train.schedule.kind") !== "constant",
  },
  { name: "train.weightDecay", kind: "number", bound: LIMITS.weightDecay, models: ALL, training: true },
  { name: "train.clip.mode", kind: "choice", choices: CLIP_MODES, models: ALL, training: true },
  { name: "train.clip.threshold", kind: "number", bound: LIMITS.clipThreshold, models: ALL, training: true },
  { name: "train.truncation", kind: "int", bound: LIMITS.truncation, models: RECURRENT, training: true },
];

/** The fields a slot shows, in form order: the model's own, then (with training on) the training ones. */
export function fieldsFor(model: ModelName, training: boolean, value: (name: string) => string): FieldSpec[] {
  return FIELDS.filter(
    (f) => f.models.includes(model) && (!f.training || training) && (f.when === undefined || f.when(value)),
  );
}

/** The spec of a field of this model (batch has different bounds for the MLP and the recurrent nets). */
export function fieldSpec(model: ModelName, name: string): FieldSpec | undefined {
  return FIELDS.find((f) => f.name === name && f.models.includes(model));
}

export function isModel(value: string | undefined): value is ModelName {
  return (MODELS as readonly string[]).includes(value ?? "");
}

/** The message key of a field's label, help text or option (the same keys for every model). */
export const labelKey = (name: string) => `field_${name.replace(/\./g, "_")}`;
export const helpKey = (name: string) => `help_${name.replace(/\./g, "_")}`;
export const optionKey = (name: string, value: string) => `opt_${name.replace(/\./g, "_")}_${value}`;
