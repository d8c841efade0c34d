/**
 * A sick MLP and 3–4 changes to it (init, normalisation, residual connections, activation,
 * gradient clipping): which one change makes it healthy? The engine runs the net as given and
 * every option; a draw is kept when the net as given is sick in the direction the prompt says and
 * exactly one option is healthy, each at least MARGIN decades from the verdict thresholds (10^±2).
 *
 * Each sick net lists the changes expected to cure it and those expected not to (measured over
 * seeds and depths 10–30, 2026-12-01; depths 12–22 are drawn, which keeps the five runs under the scenario budget); the engine's runs decide every problem, the lists only make
 * most draws clear-cut. Clipping is always a wrong answer: it rescales every gradient of a step by
 * the same factor, so the ratio between layers stays as it was.
 */

import { dec, engineSeed, intIn, pick, signed } from "@/lib/drills/draw";
import type { DrillChoice, DrillFamily, DrillMark, Measured, Text } from "@/lib/drills/family";
import { ends } from "@/lib/drills/marks";
import { shuffleWith } from "@/lib/quiz/shuffle";
import { EXPLODING_RATIO, type SimConfigInput, type SimResult, VANISHING_RATIO } from "@/lib/sim";
import { MLP_BATCH, MLP_WIDTH } from "./mlp";

const FIXES = ["relu-he", "tanh-xavier", "he", "batch-norm", "layer-norm", "residual", "sigmoid", "clip"] as const;
type FixId = (typeof FIXES)[number];

type MlpInput = Extract<SimConfigInput, { model: "mlp" }>;

type SickNet = {
  /** what the prompt says the net as given does */
  direction: "vanishing" | "exploding";
  config: Pick<MlpInput, "activation" | "init" | "initStd">;
  /** the back-of-the-envelope gain per layer: √(n·Var W) · rms σ′(0) */
  gain: number;
  cures: readonly FixId[];
  fails: readonly FixId[];
};

const SICK = {
  "sigmoid-xavier": {
    direction: "vanishing",
    config: { activation: "sigmoid", init: "xavier" },
    gain: 0.25,
    cures: ["relu-he", "tanh-xavier", "batch-norm", "residual"],
    fails: ["he", "layer-norm", "clip"],
  },
  "relu-large": {
    direction: "exploding",
    config: { activation: "relu", init: "normal", initStd: 0.5 },
    gain: 0.5 * Math.sqrt(MLP_WIDTH) * Math.SQRT1_2,
    cures: ["he", "layer-norm"],
    fails: ["clip", "residual", "sigmoid"],
  },
  "relu-small": {
    direction: "vanishing",
    config: { activation: "relu", init: "normal", initStd: 0.1 },
    gain: 0.1 * Math.sqrt(MLP_WIDTH) * Math.SQRT1_2,
    cures: ["he", "layer-norm"],
    fails: ["clip", "sigmoid"],
  },
} as const satisfies Record<string, SickNet>;
type SickId = keyof typeof SICK;
const SICK_IDS = Object.keys(SICK) as SickId[];

type FixDraw = { sick: SickId; depth: number; options: FixId[]; seed: number };

/** Decades from the verdict thresholds: the healthy option within 10^±1.5, the others beyond 10^±2.5. */
const MARGIN = 0.5;
const LOG_THRESHOLD = Math.log10(EXPLODING_RATIO);
// the verdict thresholds are symmetric in decades (10⁻² and 10²), which the healthy band below assumes
if (Math.log10(VANISHING_RATIO) !== -LOG_THRESHOLD) throw new Error("healthy-fix assumes symmetric thresholds");
/** The clipping option trains this many SGD steps with the gradient norm clipped to 1, then measures. */
const CLIP_STEPS = 2;

const baseConfig = (p: FixDraw): MlpInput => ({
  model: "mlp",
  depth: p.depth,
  width: MLP_WIDTH,
  batch: MLP_BATCH,
  ...SICK[p.sick].config,
  seed: p.seed,
});

function withFix(p: FixDraw, fix: FixId): MlpInput {
  const given = baseConfig(p);
  // a change of init drops the given N(0, σ²)'s σ
  const { initStd: _std, ...base } = given;
  switch (fix) {
    case "relu-he":
      return { ...base, activation: "relu", init: "he" };
    case "tanh-xavier":
      return { ...base, activation: "tanh", init: "xavier" };
    case "he":
      return { ...base, init: "he" };
    case "batch-norm":
      return { ...given, norm: "batch" };
    case "layer-norm":
      return { ...given, norm: "layer" };
    case "residual":
      return { ...given, residual: true };
    case "sigmoid":
      return { ...given, activation: "sigmoid" };
    case "clip":
      return {
        ...given,
        train: { steps: CLIP_STEPS, optimizer: "sgd", lr: 0.01, clip: { mode: "norm", threshold: 1 } },
      };
  }
}

/** |log₁₀ first/last|, Infinity when the run overflows or a gradient is 0. */
function decades(r: SimResult): number {
  const log = r.summary.log10GradRatio;
  return r.summary.nonFinite || !Number.isFinite(log) ? Infinity : Math.abs(log);
}

const fixLabel = (fix: FixId): Text => ({ key: `fix_${fix}`, values: { steps: CLIP_STEPS } });

export const healthyFix: DrillFamily<FixDraw> = {
  id: "healthy-fix",
  margin: MARGIN,
  draw(rng) {
    const sick = pick(rng, SICK_IDS);
    const { cures, fails } = SICK[sick];
    const wrong = shuffleWith(fails, () => rng.uniform()).slice(0, Math.min(fails.length, intIn(rng, 2, 3)));
    return {
      sick,
      depth: intIn(rng, 12, 22),
      options: shuffleWith([pick(rng, cures), ...wrong], () => rng.uniform()),
      seed: engineSeed(rng),
    };
  },
  runs: (p) => [
    { label: { key: "run_given" }, config: baseConfig(p) },
    ...p.options.map((fix) => ({ label: fixLabel(fix), config: withFix(p, fix) })),
  ],
  prompt: (p) => [{ key: `fix_prompt_${SICK[p.sick].direction}`, values: { ...sickValues(p) } }],
  answer: (p) => ({
    type: "choice",
    choices: p.options.map((fix): DrillChoice => ({ id: fix, label: fixLabel(fix) })),
  }),
  judge(p, [given, ...options]) {
    if (!given || options.length !== p.options.length) throw new Error("healthy-fix: one result per option is needed");
    const log = given.summary.log10GradRatio;
    const direction = given.summary.nonFinite || log > 0 ? "exploding" : "vanishing";
    if (direction !== SICK[p.sick].direction)
      return { ok: false, reason: `the net as given is not ${SICK[p.sick].direction}` };
    const clearances = [decades(given) - LOG_THRESHOLD];
    const healthy: FixId[] = [];
    const measured: Measured = { given: Number.isFinite(log) ? log : null };
    for (const [i, r] of options.entries()) {
      const fix = p.options[i] as FixId;
      const d = decades(r);
      if (d < LOG_THRESHOLD) healthy.push(fix);
      clearances.push(Math.abs(d - LOG_THRESHOLD));
      measured[fix] = Number.isFinite(r.summary.log10GradRatio) ? r.summary.log10GradRatio : null;
    }
    const clearance = Math.min(...clearances);
    if (healthy.length !== 1) return { ok: false, reason: `${healthy.length} options are healthy` };
    if (!(clearance >= MARGIN)) return { ok: false, reason: `a run is within ${MARGIN} decades of a threshold` };
    return { ok: true, expected: healthy[0] as FixId, clearance, measured };
  },
  explain(p, [given, ...options]) {
    const logs = options.map((r) => r.summary.log10GradRatio);
    const best = logs.findIndex((l) => Math.abs(l) < LOG_THRESHOLD);
    const cure = p.options[best];
    const others = logs.filter((_, i) => i !== best).map((l) => (Number.isFinite(l) ? signed(l, 1) : "∞"));
    const { gain } = SICK[p.sick];
    return {
      estimate: {
        key: "estimate_fix",
        values: { gain: dec(gain), steps: p.depth - 1, log: signed((p.depth - 1) * Math.log10(gain), 1) },
      },
      measured: {
        key: "measured_fix",
        values: {
          given: signed(given?.summary.log10GradRatio ?? Number.NaN, 1),
          healthy: signed(logs[best] ?? Number.NaN, 1),
          others: others.join(", "),
        },
      },
      why: { key: cure ? `why_fix_${cure}` : "why_fix_none" },
    };
  },
  /** the learner's pick and the healthy option named in the run header, and their first layers ringed */
  marks(p, [, ...options], answer) {
    const healthyAt = options.findIndex((r) => decades(r) < LOG_THRESHOLD);
    const pickedAt = p.options.indexOf(answer as FixId);
    const runTags: Text[][] = [[], ...p.options.map(() => [] as Text[])];
    runTags[pickedAt + 1]?.push({ key: "tag_yourPick" });
    runTags[healthyAt + 1]?.push({ key: "tag_healthy" });
    const marks: DrillMark[] = [];
    const ring = (at: number, tone: DrillMark["tone"], key: string) => {
      const run = options[at];
      const first = run ? ends(run).first : null;
      if (first !== null) marks.push({ type: "point", chart: "layer", x: 1, y: first, tone, label: { key } });
    };
    if (pickedAt === healthyAt) ring(healthyAt, "model", "mark_pickHealthy");
    else {
      ring(healthyAt, "model", "mark_healthyRun");
      if (pickedAt >= 0) ring(pickedAt, "learner", "mark_yourPick");
    }
    return { marks, runTags };
  },
};

function sickValues(p: FixDraw) {
  const { config } = SICK[p.sick];
  return {
    depth: p.depth,
    width: MLP_WIDTH,
    activation: config.activation,
    init: "initStd" in config ? `N(0, ${config.initStd}²)` : config.init,
  };
}
