/**
 * GradLab simulation engine — public API. See README.md for the model definitions.
 * Pure TypeScript, deterministic, no I/O; imports nothing outside lib/sim except zod.
 */

export { estimateFlops, estimateMemoryBytes, FLOP_BUDGET, MEMORY_BUDGET_BYTES } from "./cost";
export { ACTIVATIONS, CLIP_MODES, INITS, MODELS, NORMS, OPTIMIZERS, PRECISIONS } from "./names";
export { configFromSearchParams, configToSearchParams } from "./query";
export type { MlpConfig, ParseResult, RecurrentConfig, SimConfig, SimConfigInput, TrainConfig } from "./schema";
export { LIMITS, parseSimConfig, SimConfigSchema } from "./schema";
export { type SimulateOptions, simulate } from "./simulate";
export { EXPLODING_RATIO, HISTOGRAM_BINS, VANISHING_RATIO } from "./summary";
export type {
  Histogram,
  MlpLayerStats,
  MlpResult,
  RecurrentResult,
  SimMeta,
  SimResult,
  SimSummary,
  TimestepStats,
  TrainStep,
  Verdict,
} from "./types";
export { VERDICTS } from "./types";
export { ENGINE_VERSION } from "./version";
