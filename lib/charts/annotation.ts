/**
 * The measured sentence a problem-vs-fix chart is annotated with: how much of the last layer's
 * (or time step's) backward signal reaches the first — "layer 1 receives 10⁻⁸ × layer 50's
 * gradient". Computed from the run's own numbers (summary.gradRatio), never written by hand.
 */
import type { ProfileAxis } from "@/lib/charts/series";
import type { SimResult } from "@/lib/sim";

export type GradientAnnotation = {
  axis: ProfileAxis;
  /** the last layer or step, whose gradient the first is compared with */
  last: number;
  /** the ratio first/last as people read it: "10⁻⁸", "0.47", "3.2" */
  ratio: string;
  /** "ratio" for a finite positive ratio; underflow (the first gradient is exactly 0) and non-finite runs say so instead */
  kind: "ratio" | "underflow" | "nonFinite";
};

const SUPERSCRIPT: Record<string, string> = {
  "-": "⁻",
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
};

/**
 * A positive ratio written for people: within two decades of 1 as a number with two significant
 * digits (0.47, 3.2, 0.034, 56), beyond that as the nearest power of ten (10⁻⁸, 10¹²).
 */
export function readableRatio(ratio: number): string {
  const log = Math.log10(ratio);
  if (Math.abs(log) < 2) return String(Number(ratio.toPrecision(2)));
  const exponent = String(Math.round(log));
  return `10${[...exponent].map((c) => SUPERSCRIPT[c] ?? c).join("")}`;
}

/** The annotation of one run, or null for a model whose profile is not along layers or steps. */
export function gradientAnnotation(result: SimResult): GradientAnnotation | null {
  const axis: ProfileAxis = result.model === "mlp" ? "layer" : result.model === "transformer" ? "block" : "step";
  const last =
    result.model === "mlp" || result.model === "transformer" ? result.layers.length : result.timesteps.length;
  if (last === 0) return null;
  const { gradRatio, nonFinite } = result.summary;
  if (nonFinite || !Number.isFinite(gradRatio)) return { axis, last, ratio: "", kind: "nonFinite" };
  if (!(gradRatio > 0)) return { axis, last, ratio: "0", kind: "underflow" };
  return { axis, last, ratio: readableRatio(gradRatio), kind: "ratio" };
}

/** The sentence's message key (namespace "sim") and values, for server and client translators alike. */
export function annotationMessage(a: GradientAnnotation): { key: string; values: { ratio: string; last: number } } {
  return { key: `annotation_${a.kind}_${a.axis}`, values: { ratio: a.ratio, last: a.last } };
}
