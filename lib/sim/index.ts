/**
 * GradLab simulation engine — public API. See README.md for the model definitions.
 * Pure TypeScript, deterministic, no I/O; imports nothing outside lib/sim except zod.
 */

export {
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
export {
  estimateFlops,
  estimateMemoryBytes,
  FLOP_BUDGET,
  MEMORY_BUDGET_BYTES,
  SCENARIO_FLOP_BUDGET,
} from "./cost";
export { configFromSearchParams, configToSearchParams } from "./query";
export type {
  Histogram,
  MlpLayerStats,
  MlpResult,
  PositionStats,
  RecurrentResult,
  SimMeta,
  SimResult,
  SimSummary,
  TimestepStats,
  TrainStep,
  TransformerBlockStats,
  TransformerResult,
  Verdict,
} from "./result";
export { VERDICTS } from "./result";
export { Rng } from "./rng";
export type {
  MlpConfig,
  ParseResult,
  RecurrentConfig,
  SimConfig,
  SimConfigInput,
  TrainConfig,
  TransformerConfig,
} from "./schema";
export { LIMITS, parseSimConfig, SimConfigSchema } from "./schema";
export { type SimulateOptions, simulate } from "./simulate";
export { HISTOGRAM_BINS } from "./stats";
export { EXPLODING_RATIO, VANISHING_RATIO } from "./verdict";
export { ENGINE_VERSION } from "./version";
