/** Predict the verdict of an LSTM from its forget-gate bias and the number of steps. */

import { dec, engineSeed, intIn, signed } from "@/lib/drills/draw";
import type { DrillFamily } from "@/lib/drills/family";
import { verdictMarks } from "@/lib/drills/marks";
import { judgeVerdict, VERDICT_CHOICES } from "@/lib/drills/verdict";
import type { SimConfigInput } from "@/lib/sim";

type LstmDraw = { forgetBias: number; steps: number; seed: number };

const config = (p: LstmDraw): SimConfigInput => ({
  model: "lstm",
  steps: p.steps,
  hidden: 32,
  inputs: 8,
  batch: 8,
  forgetBias: p.forgetBias,
  seed: p.seed,
});

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export const verdictLstm: DrillFamily<LstmDraw> = {
  id: "verdict-lstm",
  margin: 1,
  /** forget bias from −4 to 5 in steps of 0.5 */
  draw: (rng) => ({ forgetBias: intIn(rng, -8, 10) / 2, steps: intIn(rng, 10, 80), seed: engineSeed(rng) }),
  runs: (p) => [{ label: { key: "run_net" }, config: config(p) }],
  prompt: (p) => [{ key: "verdict_lstm_prompt", values: { bias: dec(p.forgetBias, 1), steps: p.steps } }],
  answer: () => ({ type: "choice", choices: VERDICT_CHOICES }),
  judge(_p, [r]) {
    if (!r) throw new Error("verdict-lstm: no result");
    return judgeVerdict(r, verdictLstm.margin);
  },
  explain: (p, [r]) => {
    const f = sigmoid(p.forgetBias);
    return {
      estimate: {
        key: "estimate_lstm",
        values: { f: dec(f), steps: p.steps - 1, log: signed((p.steps - 1) * Math.log10(f), 1) },
      },
      measured: { key: "measured_log", values: { log: signed(r?.summary.log10GradRatio ?? Number.NaN) } },
      why: { key: "why_lstm" },
    };
  },
  marks: (_p, [r], answer) => (r ? verdictMarks(r, answer) : { marks: [] }),
};
