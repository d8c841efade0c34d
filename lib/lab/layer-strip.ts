/**
 * The layer strip: one cell per layer (MLP) or time step (recurrent) with the gain of the backward
 * signal through it, g_l / g_{l+1} (g = the norm of ∂loss/∂h, read from the result), coloured like
 * TensorFlow Playground's network picture: how much each layer shrinks or grows the gradient on
 * its way back to the input. A product of these gains is the chart's first/last ratio.
 */
import type { SimResult } from "@/lib/sim";

export type GainKind = "shrinks" | "steady" | "grows" | "underflow" | "nonfinite";
export type StripCell = {
  /** the layer or time step the gain is measured at (1 = nearest the input) */
  index: number;
  gain: number | null;
  kind: GainKind;
  /** 0–1: how strongly to colour the cell (a tenfold change over two layers is already full) */
  strength: number;
};

/** Within ±2 % per layer the signal is called steady. */
const STEADY = Math.log10(1.02);
/** |log10 gain| at which the colour is at full strength. */
const FULL = 0.5;

export function backwardSignal(result: SimResult): number[] {
  return result.model === "mlp" || result.model === "transformer"
    ? result.layers.map((l) => l.activationGradNorm)
    : result.timesteps.map((s) => s.hiddenGradNorm);
}

const finite = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);

export function gainCell(index: number, here: number | null, above: number | null): StripCell {
  if (!finite(here) || !finite(above)) return { index, gain: null, kind: "nonfinite", strength: 1 };
  if (above === 0 || here === 0) return { index, gain: null, kind: "underflow", strength: 1 };
  const gain = here / above;
  const decades = Math.log10(gain);
  const kind: GainKind = decades > STEADY ? "grows" : decades < -STEADY ? "shrinks" : "steady";
  return { index, gain, kind, strength: Math.min(1, Math.abs(decades) / FULL) };
}

/** One cell per layer except the last (whose gradient comes straight from the loss). */
export function layerStrip(result: SimResult): StripCell[] {
  const g = backwardSignal(result) as (number | null)[];
  return g.slice(0, -1).map((here, i) => gainCell(i + 1, here, g[i + 1] ?? null));
}
