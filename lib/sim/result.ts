/**
 * The result contract (a public API: pages, content tests and outside clients read these names).
 * Non-finite numbers are NaN/±Infinity in process and `null` in JSON; the `nonFinite` flags say
 * where they occurred.
 */
import type { SimConfig } from "./schema";

/** What the gradient profile says (thresholds in verdict.ts); every other list of verdicts derives from this one. */
export const VERDICTS = ["vanishing", "exploding", "healthy"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Histogram of a layer's activations: `bins` equal-width bins spanning [min, max] of the finite values. */
export interface Histogram {
  min: number;
  max: number;
  counts: number[];
  /** values that were NaN or ±Infinity (not binned) */
  nonFinite: number;
}

export interface MlpLayerStats {
  /** 1 = nearest the input */
  layer: number;
  /** ||∂loss/∂W_l||_F */
  weightGradNorm: number;
  /** ||∂loss/∂h_l||_F over the batch, h_l the layer's output */
  activationGradNorm: number;
  /** weightGradNorm / ||W_l||_F */
  updateRatio: number;
  /**
   * ||ΔW_l||_F of the last training update, what the optimizer made of layer l's gradient
   * (lr·||g_l|| for SGD; about lr·√(entries) for Adam whatever ||g_l|| is); 0 without training
   */
  stepNorm: number;
  /** mean and std of h_l over batch × width */
  activationMean: number;
  activationStd: number;
  /** fraction of units whose activation slope is below 5 % of its maximum (dead/saturated) */
  saturation: number;
  histogram: Histogram;
}

export interface TransformerBlockStats {
  /** 1 = nearest the input */
  layer: number;
  /** Frobenius norm over all of the block's matrices */
  weightGradNorm: number;
  /** ||∂loss/∂W||_F of each matrix */
  weightGradNorms: { wq: number; wk: number; wv: number; wo: number; w1: number; w2: number };
  /** ||∂loss/∂x_l||_F over the batch, x_l the residual stream after block l (pre: before the final LN) */
  activationGradNorm: number;
  /** per position t = 1 … seqLen: ||∂loss/∂x_l[·, t, ·]||_F over batch × dModel (their root sum of squares is activationGradNorm) */
  positionGradNorms: number[];
  /** attention entropy (nats), the mean over every row t of every head and batch element */
  attentionEntropy: number;
  /** the mean over the same rows of each row's largest attention probability */
  attentionMaxProb: number;
  /** mean and std of x_l over batch × seqLen × dModel */
  activationMean: number;
  activationStd: number;
  histogram: Histogram;
}

/** The Transformer's input x_0 at one sequence position. */
export interface PositionStats {
  /** 1 = first position */
  t: number;
  /** ||∂loss/∂x_0[·, t, ·]||_F over batch × dModel: what reaches position t's input through every block */
  inputGradNorm: number;
}

export interface TimestepStats {
  /** 1 = first step */
  t: number;
  /** ||∂loss/∂h_t||_F over the batch: the total derivative through all later steps */
  hiddenGradNorm: number;
  /** LSTM only: ||∂loss/∂c_t||_F, total derivative */
  cellGradNorm?: number;
  /** Frobenius norm of step t's contribution to the gradient of all cell parameters */
  weightGradNorm: number;
  /** mean and std of h_t over batch × hidden */
  hiddenMean: number;
  hiddenStd: number;
  /** fraction of h_t units with tanh slope 1 − h² < 0.05 */
  saturation: number;
}

export interface TrainStep {
  /** 1-based */
  step: number;
  /** loss of the step's forward pass, before its update */
  loss: number;
  /** global L2 norm over all parameter gradients, before clipping */
  gradNorm: number;
  /** the same after clipping (= gradNorm when clip.mode is "none"); the coupled L2 term is added after */
  clippedGradNorm: number;
  /** the step's learning rate (train.schedule) */
  lr: number;
  /** global L2 norm over all parameters, before the step's update */
  weightNorm: number;
  nonFinite: boolean;
}

export interface SimSummary {
  /** the snapshot's loss */
  loss: number;
  /** backward signal, first / last: activationGradNorm layer (block) 1 / depth, or hiddenGradNorm t=1 / t=T */
  gradRatio: number;
  log10GradRatio: number;
  /** weightGradNorm first / last (layer 1 / depth; step 1 / T) */
  weightGradRatio: number;
  verdict: Verdict;
  /** any NaN/Infinity in the snapshot or the training history */
  nonFinite: boolean;
}

export interface SimMeta {
  engineVersion: string;
  /** wall time of simulate(); 0 when called with { timing: false } */
  elapsedMs: number;
  /** canonical config, every default filled in */
  config: SimConfig;
  /** estimated flop-equivalents (the cost model's figure) */
  flops: number;
}

interface ResultBase {
  history: TrainStep[];
  summary: SimSummary;
  meta: SimMeta;
}

export interface MlpResult extends ResultBase {
  model: "mlp";
  layers: MlpLayerStats[];
}

export interface RecurrentResult extends ResultBase {
  model: "rnn" | "lstm" | "gru";
  timesteps: TimestepStats[];
}

export interface TransformerResult extends ResultBase {
  model: "transformer";
  layers: TransformerBlockStats[];
  /** per sequence position, t = 1 first */
  positions: PositionStats[];
}

export type SimResult = MlpResult | RecurrentResult | TransformerResult;
