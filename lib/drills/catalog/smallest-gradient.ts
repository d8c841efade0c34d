/**
 * Which of four layers (a plain MLP) or time steps (a vanilla tanh RNN) has the smallest backward
 * signal? The four are spread over the net: the first, the last and two between. A draw is kept
 * when the smallest is at least MARGIN decades (×2) below every other choice, so the question is
 * which way the signal travels, never a coin toss between near-equal norms.
 */

import { dec, engineSeed, intIn, sciText, signed } from "@/lib/drills/draw";
import type { DrillChoice, DrillFamily, DrillMark, Explanation } from "@/lib/drills/family";
import { gradientProfile } from "@/lib/grading/prediction";
import type { Rng, SimResult } from "@/lib/sim";
import { drawMlp, estimatedLog10Ratio, type MlpDraw, mlpConfig, mlpValues, perLayerGain } from "./mlp";
import { INPUT_SCALE, type RnnDraw, rnnConfig } from "./rnn";

type SmallestDraw = { kind: "mlp"; net: MlpDraw } | { kind: "rnn"; net: RnnDraw };

/** log₁₀ 2: the runner-up is at least twice the smallest */
const MARGIN = 0.3;

/**
 * MLP activation × init pairs whose linearised gain is 1 (ReLU + He, tanh + Xavier): their
 * profiles are flat up to noise, so no choice is clear; they are not drawn.
 */
const UNIT_GAIN = new Set(["relu/he", "tanh/xavier"]);

const positions = (n: number): number[] => [
  ...new Set([1, Math.round(1 + (n - 1) / 3), Math.round(1 + (2 * (n - 1)) / 3), n]),
];

const count = (p: SmallestDraw): number => (p.kind === "mlp" ? p.net.depth : p.net.steps);
const unit = (p: SmallestDraw): "layer" | "step" => (p.kind === "mlp" ? "layer" : "step");

function drawNet(rng: Rng): SmallestDraw {
  if (rng.uniform() < 0.5) {
    for (;;) {
      const net = drawMlp(rng, { min: 10, max: 30 });
      if (!UNIT_GAIN.has(`${net.activation}/${net.init}`)) return { kind: "mlp", net };
    }
  }
  // ρ from 0.5 to 0.9 (contracting) or 1.2 to 2.0 (expanding), in steps of 0.05; ρ ≈ 1 is flat
  const rho = rng.uniform() < 0.5 ? intIn(rng, 10, 18) / 20 : intIn(rng, 24, 40) / 20;
  return { kind: "rnn", net: { rho, steps: intIn(rng, 12, 60), seed: engineSeed(rng) } };
}

/** The choices' backward-signal norms, smallest first. */
function ranked(p: SmallestDraw, r: SimResult): { at: number; v: number }[] {
  const profile = gradientProfile(r);
  return positions(count(p))
    .map((at) => ({ at, v: profile[at - 1] ?? Number.NaN }))
    .sort((a, b) => a.v - b.v);
}

function explain(p: SmallestDraw, r: SimResult | undefined): Explanation {
  const [best, second] = r ? ranked(p, r) : [];
  const measured = {
    key: `measured_smallest_${unit(p)}`,
    values: {
      n: best?.at ?? "?",
      value: best ? sciText(best.v) : "?",
      m: second?.at ?? "?",
      gap: best && second ? dec(Math.log10(second.v / best.v), 1) : "?",
    },
  };
  if (p.kind === "mlp") {
    const gain = perLayerGain(p.net);
    return {
      estimate: {
        key: gain < 1 ? "estimate_smallest_mlp_shrinks" : "estimate_smallest_mlp_grows",
        values: { gain: dec(gain), depth: p.net.depth, log: signed(estimatedLog10Ratio(p.net), 1) },
      },
      measured,
      why: { key: `why_${p.net.activation}_${p.net.init}` },
    };
  }
  const { rho, steps } = p.net;
  return {
    estimate: {
      key: rho < 1 ? "estimate_smallest_rnn_shrinks" : "estimate_smallest_rnn_grows",
      values: { rho: dec(rho), steps, log: signed((steps - 1) * Math.log10(rho), 1) },
    },
    measured,
    why: { key: rho < 1 ? "why_rnn_contracting" : "why_rnn_expanding" },
  };
}

export const smallestGradient: DrillFamily<SmallestDraw> = {
  id: "smallest-gradient",
  margin: MARGIN,
  draw: drawNet,
  runs: (p) => [{ label: { key: "run_net" }, config: p.kind === "mlp" ? mlpConfig(p.net) : rnnConfig(p.net) }],
  prompt: (p) => [
    p.kind === "mlp"
      ? { key: "smallest_prompt_mlp", values: mlpValues(p.net) }
      : { key: "smallest_prompt_rnn", values: { rho: dec(p.net.rho), steps: p.net.steps, scale: INPUT_SCALE } },
  ],
  answer: (p) => ({
    type: "choice",
    choices: positions(count(p)).map(
      (at): DrillChoice => ({ id: String(at), label: { key: `choice_${unit(p)}`, values: { n: at } } }),
    ),
  }),
  judge(p, [r]) {
    if (!r) throw new Error("smallest-gradient: no result");
    if (r.summary.nonFinite) return { ok: false, reason: "the run overflows" };
    const [best, second] = ranked(p, r);
    if (!best || !second) return { ok: false, reason: "fewer than two choices" };
    if (!Number.isFinite(best.v) || !Number.isFinite(second.v) || !(second.v > 0))
      return { ok: false, reason: `norms ${best.v}, ${second.v}` };
    const clearance = best.v > 0 ? Math.log10(second.v / best.v) : Infinity;
    if (!(clearance >= MARGIN))
      return {
        ok: false,
        reason: `runner-up ${second.at} is only 10^${clearance.toFixed(2)} × the smallest ${best.at}`,
      };
    return {
      ok: true,
      expected: String(best.at),
      clearance,
      measured: { smallest: best.at, smallestNorm: best.v, runnerUp: second.at, runnerUpNorm: second.v },
    };
  },
  explain: (p, [r]) => explain(p, r),
  /** the learner's pick and the engine's smallest as vertical lines on the profile */
  marks: (p, [r], answer) => {
    const [best] = r ? ranked(p, r) : [];
    const chart = unit(p);
    const mine = Number(answer);
    const marks: DrillMark[] = [];
    if (best && best.at === mine)
      marks.push({
        type: "x",
        chart,
        x: mine,
        tone: "model",
        label: { key: `mark_pickSmallest_${chart}`, values: { n: mine } },
      });
    else {
      if (best)
        marks.push({
          type: "x",
          chart,
          x: best.at,
          tone: "model",
          label: { key: `mark_smallest_${chart}`, values: { n: best.at } },
        });
      if (Number.isInteger(mine))
        marks.push({
          type: "x",
          chart,
          x: mine,
          tone: "learner",
          label: { key: `mark_pick_${chart}`, values: { n: mine } },
        });
    }
    return { marks };
  },
};
