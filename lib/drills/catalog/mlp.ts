/**
 * The plain MLPs the MLP families draw: activation × init × depth, and the linearised estimate a
 * candidate would reason out for them.
 */

import { dec, engineSeed, intIn, pick, signed } from "@/lib/drills/draw";
import type { Explanation } from "@/lib/drills/family";
import type { Rng, SimConfigInput, SimResult } from "@/lib/sim";

export const MLP_ACTIVATIONS = ["sigmoid", "tanh", "relu"] as const;
export const MLP_INITS = ["xavier", "he", "normal"] as const;
/** the std of the "normal" init: at width 32, √(n·σ²) = √8 ≈ 2.8, a net that amplifies */
export const MLP_NORMAL_STD = 0.5;
export const MLP_WIDTH = 32;
export const MLP_BATCH = 16;

export type MlpDraw = {
  activation: (typeof MLP_ACTIVATIONS)[number];
  init: (typeof MLP_INITS)[number];
  depth: number;
  seed: number;
};

export function drawMlp(rng: Rng, depth: { min: number; max: number }): MlpDraw {
  return {
    activation: pick(rng, MLP_ACTIVATIONS),
    init: pick(rng, MLP_INITS),
    depth: intIn(rng, depth.min, depth.max),
    seed: engineSeed(rng),
  };
}

export const mlpConfig = (p: MlpDraw): SimConfigInput => ({
  model: "mlp",
  depth: p.depth,
  width: MLP_WIDTH,
  batch: MLP_BATCH,
  activation: p.activation,
  init: p.init,
  ...(p.init === "normal" ? { initStd: MLP_NORMAL_STD } : {}),
  seed: p.seed,
});

/** rms of the activation's slope at 0 (the linear regime): σ′ = 1/4, tanh′ = 1, ReLU′ is 0 or 1 → √½. */
const SLOPE_AT_ZERO: Record<MlpDraw["activation"], number> = { sigmoid: 0.25, tanh: 1, relu: Math.SQRT1_2 };
/** √(n·Var W) for square layers: Xavier Var = 2/(n + n) = 1/n → 1; He Var = 2/n → √2; N(0, σ²) → σ√n. */
const WEIGHT_GAIN: Record<MlpDraw["init"], number> = {
  xavier: 1,
  he: Math.SQRT2,
  normal: MLP_NORMAL_STD * Math.sqrt(MLP_WIDTH),
};

/**
 * The back-of-the-envelope backward gain per layer, linearised at zero: ‖Wᵀ(σ′⊙g)‖ ≈ √(n·Var W) ·
 * rms σ′ · ‖g‖. Saturation makes real sigmoid/tanh slopes smaller, so it is a first guess, not the truth.
 */
export const perLayerGain = (p: MlpDraw): number => WEIGHT_GAIN[p.init] * SLOPE_AT_ZERO[p.activation];

/** log₁₀ first/last: depth − 1 backward steps separate layer 1's output from the last layer's. */
export const estimatedLog10Ratio = (p: MlpDraw): number => (p.depth - 1) * Math.log10(perLayerGain(p));

export const mlpValues = (p: MlpDraw) => ({
  depth: p.depth,
  width: MLP_WIDTH,
  activation: p.activation,
  init: p.init === "normal" ? `N(0, ${MLP_NORMAL_STD}²)` : p.init,
});

/** The explanation both MLP families give: the linearised estimate beside the engine's value. */
export const explainMlp = (p: MlpDraw, r: SimResult | undefined): Explanation => ({
  estimate: {
    key: "estimate_mlp",
    values: { gain: dec(perLayerGain(p)), steps: p.depth - 1, log: signed(estimatedLog10Ratio(p), 1) },
  },
  measured: { key: "measured_log", values: { log: signed(r?.summary.log10GradRatio ?? Number.NaN) } },
  why: { key: `why_${p.activation}_${p.init}` },
});
