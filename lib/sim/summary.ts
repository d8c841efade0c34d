/** Per-buffer statistics and the verdict. */
import type { Histogram, Verdict } from "./types";

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
export const HISTOGRAM_BINS = 30;

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

export function meanStd(buf: Float64Array, n = buf.length): { mean: number; std: number } {
  let s = 0;
  for (let i = 0; i < n; i++) s += buf[i]!;
  const mean = s / n;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = buf[i]! - mean;
    v += d * d;
  }
  return { mean, std: Math.sqrt(v / n) };
}

export function allFinite(buf: Float64Array, n = buf.length): boolean {
  for (let i = 0; i < n; i++) {
    const v = buf[i]!;
    if (v - v !== 0) return false; // NaN or ±Infinity
  }
  return true;
}

export function histogram(buf: Float64Array, n = buf.length, bins = HISTOGRAM_BINS): Histogram {
  let min = Infinity;
  let max = -Infinity;
  let nonFinite = 0;
  for (let i = 0; i < n; i++) {
    const v = buf[i]!;
    if (v - v !== 0) nonFinite++;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const counts = new Array<number>(bins).fill(0);
  if (nonFinite === n) return { min: 0, max: 0, counts, nonFinite };
  const width = (max - min) / bins;
  for (let i = 0; i < n; i++) {
    const v = buf[i]!;
    if (v - v !== 0) continue;
    let k = width > 0 ? Math.floor((v - min) / width) : 0;
    if (k >= bins) k = bins - 1; // v = max
    counts[k] = counts[k]! + 1;
  }
  return { min, max, counts, nonFinite };
}
