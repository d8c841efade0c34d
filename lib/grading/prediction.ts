/**
 * Grading prediction questions by running the engine. The correct answer is never stored in the
 * question file: it is computed here from the simulation result(s) at grading time.
 *
 * Pure: the caller passes a `runner` (config → SimResult), e.g. `simulate` directly, a cached
 * call, or the worker pool; sync and async runners both work.
 *
 * One grader per prediction kind (GRADERS below) says what an answer is (the one validation of a
 * learner's answer, for the form's action and for gradePrediction alike), what the engine's
 * answer is, and when the question is unambiguous:
 *   verdict           answer ∈ VERDICTS; expected = summary.verdict. Unambiguous when the run is
 *                     non-finite (→ exploding) or log10(gradRatio) is at least
 *                     VERDICT_MARGIN_DECADES away from both thresholds (log10 of VANISHING_RATIO
 *                     and EXPLODING_RATIO: −2 and +2).
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
import { z } from "zod";
import type { PredictionSpec } from "@/lib/content/schema";
import { EXPLODING_RATIO, parseSimConfig, type SimResult, VANISHING_RATIO, VERDICTS, type Verdict } from "@/lib/sim";

export type SimRunner = (config: unknown) => SimResult | Promise<SimResult>;

/** Distance, in decades, that log10(gradRatio) must keep from the verdict thresholds. */
export const VERDICT_MARGIN_DECADES = 0.5;
/** A loss ratio must be at least this factor away from the lossDecreases boundary. */
export const LOSS_RATIO_SEPARATION = 1.5;
/** The verdict thresholds in decades: −2 and +2. */
const VERDICT_LOG_THRESHOLDS = [Math.log10(VANISHING_RATIO), Math.log10(EXPLODING_RATIO)] as const;
/** A log10 ratio answer beyond ±400 decades is no estimate (float64 spans about ±324). */
export const LOG10_ANSWER_LIMIT = 400;

/** Where each verdict sits on the gradient-ratio scale, for offering them in that order. */
const ON_THE_SCALE: Record<Verdict, number> = { vanishing: -1, healthy: 0, exploding: 1 };
export const VERDICTS_IN_ORDER: readonly Verdict[] = [...VERDICTS].sort((a, b) => ON_THE_SCALE[a] - ON_THE_SCALE[b]);

/** The form's yes/no values for "will the loss fall?". */
export const YES_NO = { yes: true, no: false } as const;

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

type Kind = PredictionSpec["kind"];
type SpecOf<K extends Kind> = Extract<PredictionSpec, { kind: K }>;

type Grader<K extends Kind> = {
  /** what an answer to this question is: the one validation of a learner's answer */
  answer(spec: SpecOf<K>): z.ZodType<PredictionAnswer>;
  /** the form field (always a string) as the value `answer` validates */
  fromForm(field: string): unknown;
  /** the engine's answer and whether the question is unambiguous, from the run(s) */
  outcome(spec: SpecOf<K>, results: readonly SimResult[]): PredictionOutcome;
  /** whether an answer is right; equality with the engine's answer unless stated */
  isCorrect?(spec: SpecOf<K>, answer: PredictionAnswer, expected: PredictionAnswer): boolean;
};

const asText = (field: string) => field;
const asNumber = (field: string) => (field.trim() === "" ? Number.NaN : Number(field));

/** The configs a prediction question runs (one, or one per option for `healthiest`). */
export function predictionConfigs(spec: PredictionSpec): unknown[] {
  return spec.kind === "healthiest" ? spec.options.map((o) => o.config) : [spec.config];
}

/** What a question's (first) run is measured along: its layers (MLP), blocks (Transformer) or time steps (recurrent), and how many. */
export function predictionAxis(spec: PredictionSpec): { axis: "layer" | "step" | "block"; count: number } {
  const parsed = parseSimConfig(predictionConfigs(spec)[0]);
  if (!parsed.ok) throw new Error(`invalid prediction config: ${parsed.errors.map((e) => e.message).join("; ")}`);
  const c = parsed.config;
  if (c.model === "mlp") return { axis: "layer", count: c.depth };
  if (c.model === "transformer") return { axis: "block", count: c.depth };
  return { axis: "step", count: c.steps };
}

/** The backward-signal profile: activationGradNorm per layer or block, or hiddenGradNorm per step. */
export function gradientProfile(r: SimResult): number[] {
  return r.model === "mlp" || r.model === "transformer"
    ? r.layers.map((l) => l.activationGradNorm)
    : r.timesteps.map((t) => t.hiddenGradNorm);
}

/** |log10 gradRatio|, Infinity for non-finite runs or a ratio of 0/NaN/Infinity. */
export function healthScore(r: SimResult): number {
  const v = r.summary.log10GradRatio;
  if (r.summary.nonFinite || !Number.isFinite(v)) return Infinity;
  return Math.abs(v);
}

function first(results: readonly SimResult[]): SimResult {
  const r = results[0];
  if (!r) throw new Error("outcomeOf: no simulation result");
  return r;
}

const GRADERS: { [K in Kind]: Grader<K> } = {
  verdict: {
    answer: () => z.enum(VERDICTS),
    fromForm: asText,
    outcome(_spec, results) {
      const r = first(results);
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
    },
  },
  smallestGradient: {
    answer: (spec) => z.number().int().min(1).max(predictionAxis(spec).count),
    fromForm: asNumber,
    outcome(spec, results) {
      const profile = gradientProfile(first(results));
      const order = profile.map((v, i) => ({ v, i: i + 1 })).sort((a, b) => a.v - b.v);
      const [best, second] = order;
      if (!best) throw new Error("outcomeOf: empty gradient profile");
      let ambiguity: string | null = null;
      if (profile.some((v) => !Number.isFinite(v))) ambiguity = "the gradient profile has non-finite values";
      else if (!second) ambiguity = "only one layer/step";
      else if (best.v === 0 && second.v === 0) ambiguity = "several layers/steps have a zero gradient";
      else if (second.v / best.v < spec.margin)
        ambiguity = `runner-up (${second.i}) is only ${(second.v / best.v).toFixed(2)}× the smallest (${best.i}); margin ${spec.margin}`;
      return { expected: best.i, actual: { profile }, ambiguity };
    },
  },
  log10GradRatio: {
    answer: () => z.number().min(-LOG10_ANSWER_LIMIT).max(LOG10_ANSWER_LIMIT),
    fromForm: asNumber,
    outcome(_spec, results) {
      const r = first(results);
      const log = r.summary.log10GradRatio;
      return {
        expected: log,
        actual: { log10GradRatio: log },
        ambiguity: Number.isFinite(log) && !r.summary.nonFinite ? null : `log10 gradRatio is not finite (${log})`,
      };
    },
    isCorrect: (spec, answer, expected) =>
      typeof answer === "number" &&
      typeof expected === "number" &&
      Number.isFinite(expected) &&
      Math.abs(answer - expected) <= spec.tolerance,
  },
  lossDecreases: {
    answer: () => z.boolean(),
    fromForm: (field) => (field in YES_NO ? YES_NO[field as keyof typeof YES_NO] : field),
    outcome(spec, results) {
      const r = first(results);
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
    },
  },
  healthiest: {
    answer: (spec) => z.enum(spec.options.map((o) => o.id)),
    fromForm: asText,
    outcome(spec, results) {
      if (results.length !== spec.options.length) throw new Error("outcomeOf: one result per option is needed");
      const scored = spec.options.map((o, k) => ({ id: o.id, score: healthScore(results[k] as SimResult) }));
      const [best, second] = [...scored].sort((a, b) => a.score - b.score) as [(typeof scored)[0], (typeof scored)[0]];
      let ambiguity: string | null = null;
      if (!Number.isFinite(best.score)) ambiguity = "no option has a finite gradient ratio";
      else if (second.score - best.score < spec.margin)
        ambiguity = `best (${best.id}, ${best.score.toFixed(2)}) beats runner-up (${second.id}, ${second.score.toFixed(2)}) by less than ${spec.margin} decades`;
      return {
        expected: best.id,
        actual: { scores: Object.fromEntries(scored.map((s) => [s.id, s.score])) },
        ambiguity,
      };
    },
  },
};

function graderOf<K extends Kind>(spec: SpecOf<K>): Grader<K> {
  return GRADERS[spec.kind as K] as unknown as Grader<K>;
}

/** Computes the correct answer and whether the question is unambiguous, from the runs' results. */
export function outcomeOf(spec: PredictionSpec, results: readonly SimResult[]): PredictionOutcome {
  return graderOf(spec).outcome(spec, results);
}

/** Is the answer of the right shape for this question? (The same check as the form's and gradePrediction's.) */
export function isValidAnswer(spec: PredictionSpec, answer: unknown): answer is PredictionAnswer {
  return graderOf(spec).answer(spec).safeParse(answer).success;
}

/** A prediction form's answer field as this question's answer, or null when it is not one. */
export function parseFormAnswer(spec: PredictionSpec, field: FormDataEntryValue | null): PredictionAnswer | null {
  if (typeof field !== "string" || field.length > 40) return null;
  const grader = graderOf(spec);
  const parsed = grader.answer(spec).safeParse(grader.fromForm(field));
  return parsed.success ? parsed.data : null;
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
  const grader = graderOf(spec);
  const { expected, actual } = grader.outcome(spec, await runAll(spec, runner));
  const correct = grader.isCorrect ? grader.isCorrect(spec, answer, expected) : answer === expected;
  return { correct, expected, actual };
}

/** Runs the engine and says whether the question is unambiguous (null) or why not. */
export async function predictionAmbiguity(spec: PredictionSpec, runner: SimRunner): Promise<string | null> {
  return outcomeOf(spec, await runAll(spec, runner)).ambiguity;
}
