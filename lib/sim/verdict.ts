/** The verdict on a snapshot, and the summary that carries it. */
import type { SimSummary, Verdict } from "./result";

/**
 * Verdict thresholds on the backward signal ratio first/last (gradRatio), not on the weight
 * gradients: in ReLU/linear nets without normalisation the activations shrink or grow with the
 * backward signal, so dW = dzᵀh stays flat while the signal itself vanishes or explodes.
 * A factor 100 between the two ends is where plain SGD stops working with one learning rate: the
 * first layers then learn ≥ 100× slower (or faster) than the last. Healthy set-ups (He+ReLU,
 * Xavier+tanh, orthogonal linear, LSTM over short spans) measure within ~10× either way (see the
 * theory tests), so the thresholds leave a 10× margin around them.
 */
export const VANISHING_RATIO = 1e-2;
export const EXPLODING_RATIO = 1e2;

/**
 * Any non-finite value means overflow somewhere → "exploding". No gradient at either end
 * (0/0) means nothing reaches the first layer → "vanishing". A zero first-layer gradient
 * (underflow, dead units) gives ratio 0 → "vanishing".
 */
export function verdictOf(gradRatio: number, nonFinite: boolean): Verdict {
  if (nonFinite) return "exploding";
  if (Number.isNaN(gradRatio)) return "vanishing";
  if (gradRatio < VANISHING_RATIO) return "vanishing";
  if (gradRatio > EXPLODING_RATIO) return "exploding";
  return "healthy";
}

/** The norms along the net, first entry nearest the input (layer 1, or t = 1). */
export interface GradientProfile {
  /** the backward signal: activationGradNorm per layer, or hiddenGradNorm per step */
  signal: ArrayLike<number>;
  /** weightGradNorm per layer or step */
  weight: ArrayLike<number>;
}

/**
 * The summary of a snapshot. `nonFinite`: any NaN/Infinity in the snapshot or the training
 * history; a non-finite loss counts too.
 */
export function summarize(loss: number, { signal, weight }: GradientProfile, nonFinite: boolean): SimSummary {
  const gradRatio = signal[0]! / signal[signal.length - 1]!;
  const nf = nonFinite || !Number.isFinite(loss);
  return {
    loss,
    gradRatio,
    log10GradRatio: Math.log10(gradRatio),
    weightGradRatio: weight[0]! / weight[weight.length - 1]!,
    verdict: verdictOf(gradRatio, nf),
    nonFinite: nf,
  };
}
