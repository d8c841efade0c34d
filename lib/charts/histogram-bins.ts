/**
 * Activation histograms of several runs on one shared axis. The engine bins each layer's
 * activations over its own [min, max]; drawn as they are, a layer spread over 1e-8 and one over
 * 1.6 look the same. Re-binned onto common edges (the union of the ranges) and a common count
 * scale, a collapsed layer shows as the single spike it is.
 */

export type RunHistogram = { min: number | null; max: number | null; counts: readonly number[]; nonFinite: number };

export type SharedHistograms = {
  /** the shared range, or null when no run has a finite value */
  range: { min: number; max: number } | null;
  /** bin width on the shared axis */
  width: number;
  /** per run: counts on the shared bins (its total is the run's finite count) */
  counts: number[][];
  /** the largest count of any bin of any run: the shared y scale */
  maxCount: number;
};

/**
 * Each source bin's count moves to the shared bin that holds its centre (a run whose values are
 * all equal has one centre: its value), so every run keeps its total and its position.
 */
export function sharedHistograms(runs: readonly RunHistogram[], bins: number): SharedHistograms {
  const finite = runs.filter((r) => r.min !== null && r.max !== null && r.counts.length > 0);
  if (finite.length === 0 || bins < 1)
    return { range: null, width: 0, counts: runs.map(() => Array(Math.max(bins, 0)).fill(0)), maxCount: 0 };
  let min = Math.min(...finite.map((r) => r.min as number));
  let max = Math.max(...finite.map((r) => r.max as number));
  if (max === min) {
    // every value equal: one unit-wide window around it, so the bars have somewhere to stand
    min -= 0.5;
    max += 0.5;
  }
  const width = (max - min) / bins;
  const counts = runs.map((r) => {
    const out = Array<number>(bins).fill(0);
    if (r.min === null || r.max === null) return out;
    const own = (r.max - r.min) / r.counts.length;
    r.counts.forEach((c, k) => {
      const centre = r.min === r.max ? (r.min as number) : (r.min as number) + (k + 0.5) * own;
      const j = Math.min(bins - 1, Math.max(0, Math.floor((centre - min) / width)));
      out[j] = (out[j] ?? 0) + c;
    });
    return out;
  });
  return { range: { min, max }, width, counts, maxCount: Math.max(0, ...counts.flat()) };
}
