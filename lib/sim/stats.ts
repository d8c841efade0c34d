/**
 * Statistics of one buffer: mean and std, finiteness, histogram — and all of them fused in two
 * passes (layerStatistics), with the same operations in the same order as the separate functions,
 * so the same bits.
 */
import type { Histogram } from "./result";

export const HISTOGRAM_BINS = 30;

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

/**
 * meanStd, histogram and the count of non-finite values of buf[0..n) in two passes instead of
 * five: (1) Σv, min and max of the finite values, non-finite count; (2) Σ(v − mean)² and the bins.
 */
export function layerStatistics(
  buf: Float64Array,
  n = buf.length,
  bins = HISTOGRAM_BINS,
): { mean: number; std: number; histogram: Histogram; nonFinite: number } {
  let s = 0;
  let min = Infinity;
  let max = -Infinity;
  let nonFinite = 0;
  for (let i = 0; i < n; i++) {
    const v = buf[i]!;
    s += v;
    if (v - v !== 0) nonFinite++;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const mean = s / n;
  const counts = new Array<number>(bins).fill(0);
  const width = (max - min) / bins;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const v = buf[i]!;
    const d = v - mean;
    ss += d * d;
    if (v - v !== 0) continue;
    let k = width > 0 ? Math.floor((v - min) / width) : 0;
    if (k >= bins) k = bins - 1; // v = max
    counts[k] = counts[k]! + 1;
  }
  const histogram = nonFinite === n ? { min: 0, max: 0, counts, nonFinite } : { min, max, counts, nonFinite };
  return { mean, std: Math.sqrt(ss / n), histogram, nonFinite };
}
