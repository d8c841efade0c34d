/**
 * Chart marks the families share: which profile chart a run is drawn on, where its first and last
 * points sit, and the marks of a ratio answer (an estimate, a verdict) against the engine's value.
 * Values far off the chart (an estimate of −300 decades) are kept in log space and clamped, so
 * every answer gets its mark; the chart clamps them to its range.
 */
import { gradientProfile } from "@/lib/grading/prediction";
import { EXPLODING_RATIO, type SimResult, VANISHING_RATIO } from "@/lib/sim";
import { dec, signed } from "./draw";
import type { DrillAnswer, DrillMark, DrillMarks } from "./family";

export type ProfileChart = "layer" | "step" | "block";

export const chartOf = (r: SimResult): ProfileChart =>
  r.model === "mlp" ? "layer" : r.model === "transformer" ? "block" : "step";

const usable = (v: number | undefined): v is number => typeof v === "number" && Number.isFinite(v) && v > 0;

/** `base` × 10^decades without overflowing to 0 or ∞ (the chart's log axis clamps it further). */
export const shifted = (base: number, decades: number): number =>
  10 ** Math.min(300, Math.max(-300, Math.log10(base) + decades));

/** The run's first and last points of its backward-signal profile (null when either is 0 or non-finite). */
export function ends(r: SimResult): { first: number | null; last: number | null; count: number } {
  const profile = gradientProfile(r);
  const first = profile[0];
  const last = profile[profile.length - 1];
  return { first: usable(first) ? first : null, last: usable(last) ? last : null, count: profile.length };
}

/** The engine's first point, ringed and labelled with the measured log₁₀ first/last. */
function engineRatioMark(r: SimResult): DrillMark[] {
  const { first, count } = ends(r);
  const log = r.summary.log10GradRatio;
  if (r.summary.nonFinite || first === null || !Number.isFinite(log))
    // nothing finite to ring: a line at the first layer (step) says the run overflowed or underflowed
    return count > 0
      ? [{ type: "x", chart: chartOf(r), x: 1, tone: "model", label: { key: "mark_engineNoRatio" } }]
      : [];
  return [
    {
      type: "point",
      chart: chartOf(r),
      x: 1,
      y: first,
      tone: "model",
      label: { key: "mark_engineRatio", values: { log: signed(log) } },
    },
  ];
}

/** An estimate of log₁₀ first/last: a line where the learner puts the first point (last × 10^estimate), and the engine's. */
export function estimateMarks(r: SimResult, answer: DrillAnswer): DrillMarks {
  const { last } = ends(r);
  const marks = engineRatioMark(r);
  if (last !== null && typeof answer === "number")
    marks.push({
      type: "y",
      chart: chartOf(r),
      y: shifted(last, answer),
      tone: "learner",
      label: { key: "mark_yourEstimate", values: { log: signed(answer) } },
    });
  return { marks };
}

/**
 * A verdict: the two thresholds as lines (last × 10⁻² and last × 10²), those bounding the
 * learner's verdict drawn as theirs and named, and the engine's first point.
 */
export function verdictMarks(r: SimResult, answer: DrillAnswer): DrillMarks {
  const { last, count } = ends(r);
  const marks = engineRatioMark(r);
  const chart = chartOf(r);
  if (last === null) {
    // no finite last point to draw the thresholds from: the learner's verdict as a line at the last layer (step)
    if (count > 0)
      marks.push({ type: "x", chart, x: count, tone: "learner", label: { key: `mark_yourVerdict_${String(answer)}` } });
    return { marks };
  }
  const lines = [
    { y: last * VANISHING_RATIO, ratio: dec(Math.log10(VANISHING_RATIO), 0), mine: answer !== "exploding" },
    { y: last * EXPLODING_RATIO, ratio: dec(Math.log10(EXPLODING_RATIO), 0), mine: answer !== "vanishing" },
  ];
  for (const [i, line] of lines.entries()) {
    // the learner's verdict names its line once: vanishing the lower, exploding the upper, healthy the lower
    const named = line.mine && (answer === "exploding" ? i === 1 : i === 0);
    marks.push({
      type: "y",
      chart,
      y: line.y,
      tone: line.mine ? "learner" : "note",
      label: named
        ? { key: `mark_yourVerdict_${String(answer)}` }
        : { key: "mark_threshold", values: { exp: line.ratio } },
    });
  }
  return { marks };
}
