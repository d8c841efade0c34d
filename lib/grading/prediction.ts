/**
 * Grading prediction questions by running the engine. The correct answer is never stored in the
 * question file: it is computed here from the simulation result(s) at grading time.
 *
 * Pure: the caller passes a `runner` (config → SimResult), e.g. `simulate` directly, a cached
 * call, or the worker pool; sync and async runners both work.
 *
 * How each kind is graded (`expected` is the engine's answer, `actual` the measured quantity):
 *   verdict           answer ∈ {vanishing, healthy, exploding}; expected = summary.verdict.
 *                     Unambiguous when the run is non-finite (→ exploding) or log10(gradRatio)
 *                     is at least VERDICT_MARGIN_DECADES away from both thresholds (−2 and +2).
 *   smallestGradient  answer = a layer (MLP, 1 = nearest the input) or time step (recurrent,
 *                     1 = first); expected = argmin of activationGradNorm / hiddenGradNorm.
 *                     Unambiguous when runner-up / smallest ≥ spec.margin (all values finite).
 *   log10GradRatio    answer = a number; correct when |answer − log10(gradRatio)| ≤ tolerance.
 *                     Unambiguous when log10(gradRatio) is finite.
 *   lossDecreases     answer = boolean; expected = finalLoss < (1 − margin) · initialLoss, with
 *                     initialLoss = history[0].loss and finalLoss = summary.loss (the snapshot
 *                     after training); a non-finite final loss counts as "does not decrease".
 *                     Unambiguous when the config trains, and the ratio final/initial is at least
 *                     LOSS_RATIO_SEPARATION times away from the boundary (1 − margin), or non-finite.
 *   healthiest        answer = an option id; score = |log10(gradRatio)| (Infinity when the run is
 *                     non-finite or the ratio is 0/NaN); expected = the option with the smallest
 *                     score. Unambiguous when runner-up score − best score ≥ spec.margin decades.
 */
import type { PredictionSpec } from "../content/schema";
import type { SimResult, Verdict } from "../sim";

export type SimRunner = (config: unknown) => SimResult | Promise<SimResult>;

/** Distance, in decades, that log10(gradRatio) must keep from the verdict thresholds (±2). */
export const VERDICT_MARGIN_DECADES = 0.5;
/** A loss ratio must be at least this factor away from the lossDecreases boundary. */
export const LOSS_RATIO_SEPARATION = 1.5;
const VERDICT_LOG_THRESHOLDS = [-2, 2] as const;

export type PredictionAnswer = Verdict | number | boolean | string;

export type PredictionOutcome = {
  /** the correct answer, computed from the run(s) */
  expected: PredictionAnswer;
  /** the measured quantity behind it (for feedback): e.g. log10 ratio, loss ratio, scores */
  actual: unknown;
  /** null when the question is unambiguous for this run; otherwise why not */
  ambiguity: string | null;
};

export type PredictionGrade = { correct: boolean; expected: PredictionAnswer; actual: unknown };

/** The configs a prediction question runs (one, or one per option for `healthiest`). */
export function predictionConfigs(spec: PredictionSpec): unknown[] {
  return spec.kind === "healthiest" ? spec.options.map((o) => o.config) : [spec.config];
}

/** The backward-signal profile: activationGradNorm per layer, or hiddenGradNorm per step. */
export function gradientProfile(r: SimResult): number[] {
  return r.model === "mlp" ? r.layers.map((l) => l.activationGradNorm) : r.timesteps.map((t) => t.hiddenGradNorm);
}

/** |log10 gradRatio|, Infinity for non-finite runs or a ratio of 0/NaN/Infinity. */
export function healthScore(r: SimResult): number {
  const v = r.summary.log10GradRatio;
  if (r.summary.nonFinite || !Number.isFinite(v)) return Infinity;
  return Math.abs(v);
}

/** Computes the correct answer and whether the question is unambiguous, from the runs' results. */
export function outcomeOf(spec: PredictionSpec, results: readonly SimResult[]): PredictionOutcome {
  const r = results[0];
  if (!r) throw new Error("outcomeOf: no simulation result");
  switch (spec.kind) {
    case "verdict": {
      const log = r.summary.log10GradRatio;
      let ambiguity: string | null = null;
      if (!r.summary.nonFinite) {
        if (!Number.isFinite(log)) ambiguity = `log10 gradRatio is ${log}`;
        else {
          const d = Math.min(...VERDICT_LOG_THRESHOLDS.map((t) => Math.abs(log - t)));
          if (d < VERDICT_MARGIN_DECADES)
            ambiguity = `log10 gradRatio ${log.toFixed(2)} is within ${VERDICT_MARGIN_DECADES} decades of a verdict threshold`;
        }
      }
      return {
        expected: r.summary.verdict,
        actual: { log10GradRatio: log, nonFinite: r.summary.nonFinite },
        ambiguity,
      };
    }
    case "smallestGradient": {
      const profile = gradientProfile(r);
      const order = profile.map((v, i) => ({ v, i: i + 1 })).sort((a, b) => a.v - b.v);
      const best = order[0];
      const second = order[1];
      if (!best) throw new Error("outcomeOf: empty gradient profile");
      let ambiguity: string | null = null;
      if (profile.some((v) => !Number.isFinite(v))) ambiguity = "the gradient profile has non-finite values";
      else if (!second) ambiguity = "only one layer/step";
      else if (best.v === 0 && second.v === 0) ambiguity = "several layers/steps have a zero gradient";
      else if (second.v / best.v < spec.margin)
        ambiguity = `runner-up (${second.i}) is only ${(second.v / best.v).toFixed(2)}× the smallest (${best.i}); margin ${spec.margin}`;
      return { expected: best.i, actual: { profile }, ambiguity };
    }
    case "log10GradRatio": {
      const log = r.summary.log10GradRatio;
      return {
        expected: log,
        actual: { log10GradRatio: log },
        ambiguity: Number.isFinite(log) && !r.summary.nonFinite ? null : `log10 gradRatio is not finite (${log})`,
      };
    }
    case "lossDecreases": {
      const initial = r.history[0]?.loss;
      const final = r.summary.loss;
      if (initial === undefined)
        return {
          expected: false,
          actual: { initial, final },
          ambiguity: "the config does not train (no train section)",
        };
      const boundary = 1 - spec.margin;
      const ratio = final / initial;
      const finite = Number.isFinite(ratio) && !r.summary.nonFinite;
      const expected = finite && ratio < boundary;
      let ambiguity: string | null = null;
      if (finite) {
        if (!(initial > 0)) ambiguity = "initial loss is not positive";
        else if (boundary <= 0) ambiguity = expected ? null : "margin 1 can never be met";
        else if (ratio > 0 && Math.abs(Math.log(ratio / boundary)) < Math.log(LOSS_RATIO_SEPARATION))
          ambiguity = `final/initial loss ${ratio.toPrecision(3)} is within ×${LOSS_RATIO_SEPARATION} of the boundary ${boundary}`;
      }
      return { expected, actual: { initial, final, ratio, boundary }, ambiguity };
    }
    case "healthiest": {
      if (results.length !== spec.options.length) throw new Error("outcomeOf: one result per option is needed");
      const scored = spec.options.map((o, k) => ({ id: o.id, score: healthScore(results[k] as SimResult) }));
      const order = [...scored].sort((a, b) => a.score - b.score);
      const best = order[0] as { id: string; score: number };
      const second = order[1] as { id: string; score: number };
      let ambiguity: string | null = null;
      if (!Number.isFinite(best.score)) ambiguity = "no option has a finite gradient ratio";
      else if (second.score - best.score < spec.margin)
        ambiguity = `best (${best.id}, ${best.score.toFixed(2)}) beats runner-up (${second.id}, ${second.score.toFixed(2)}) by less than ${spec.margin} decades`;
      return {
        expected: best.id,
        actual: { scores: Object.fromEntries(scored.map((s) => [s.id, s.score])) },
        ambiguity,
      };
    }
  }
}

/** Is the answer of the right shape for this kind? (For server-side validation of submissions.) */
export function isValidAnswer(spec: PredictionSpec, answer: unknown): answer is PredictionAnswer {
  switch (spec.kind) {
    case "verdict":
      return answer === "vanishing" || answer === "healthy" || answer === "exploding";
    case "smallestGradient": {
      if (typeof answer !== "number" || !Number.isInteger(answer) || answer < 1) return false;
      const c = spec.config as { model?: string; depth?: number; steps?: number };
      const n = c.model === "mlp" ? c.depth : c.steps;
      return typeof n !== "number" || answer <= n;
    }
    case "log10GradRatio":
      return typeof answer === "number" && Number.isFinite(answer);
    case "lossDecreases":
      return typeof answer === "boolean";
    case "healthiest":
      return typeof answer === "string" && spec.options.some((o) => o.id === answer);
  }
}

function isCorrect(spec: PredictionSpec, answer: PredictionAnswer, expected: PredictionAnswer): boolean {
  if (spec.kind === "log10GradRatio") {
    return (
      typeof answer === "number" &&
      typeof expected === "number" &&
      Number.isFinite(expected) &&
      Math.abs(answer - expected) <= spec.tolerance
    );
  }
  return answer === expected;
}

async function runAll(spec: PredictionSpec, runner: SimRunner): Promise<SimResult[]> {
  return Promise.all(predictionConfigs(spec).map((c) => runner(c)));
}

/** Runs the engine and grades the learner's answer. Throws on an answer of the wrong shape. */
export async function gradePrediction(
  spec: PredictionSpec,
  answer: unknown,
  runner: SimRunner,
): Promise<PredictionGrade> {
  if (!isValidAnswer(spec, answer))
    throw new Error(`invalid answer for a "${spec.kind}" prediction: ${JSON.stringify(answer)}`);
  const { expected, actual } = outcomeOf(spec, await runAll(spec, runner));
  return { correct: isCorrect(spec, answer, expected), expected, actual };
}

/** Runs the engine and says whether the question is unambiguous (null) or why not. */
export async function predictionAmbiguity(spec: PredictionSpec, runner: SimRunner): Promise<string | null> {
  return outcomeOf(spec, await runAll(spec, runner)).ambiguity;
}
