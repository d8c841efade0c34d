/** Predict the verdict of a vanilla tanh RNN from its spectral radius ρ and the number of steps. */

import { dec, engineSeed, intIn, signed } from "@/lib/drills/draw";
import type { DrillFamily } from "@/lib/drills/family";
import { verdictMarks } from "@/lib/drills/marks";
import { judgeVerdict, VERDICT_CHOICES } from "@/lib/drills/verdict";
import { INPUT_SCALE, type RnnDraw, rnnConfig } from "./rnn";

export const verdictRnn: DrillFamily<RnnDraw> = {
  id: "verdict-rnn",
  margin: 1,
  // 41 % of its draws land within a decade of a threshold (900 draws, seeds 0–299), so 8 draws
  // refused one seed in ~1,200 (148454907); 16 refuse one in ~10⁶, at ~3 ms a run
  maxDraws: 16,
  /** ρ in steps of 0.05 from 0.5 to 2.5 */
  draw: (rng) => ({ rho: intIn(rng, 10, 50) / 20, steps: intIn(rng, 10, 80), seed: engineSeed(rng) }),
  runs: (p) => [{ label: { key: "run_net" }, config: rnnConfig(p) }],
  prompt: (p) => [{ key: "verdict_rnn_prompt", values: { rho: dec(p.rho), steps: p.steps, scale: INPUT_SCALE } }],
  answer: () => ({ type: "choice", choices: VERDICT_CHOICES }),
  judge(_p, [r]) {
    if (!r) throw new Error("verdict-rnn: no result");
    return judgeVerdict(r, verdictRnn.margin);
  },
  explain: (p, [r]) => ({
    estimate: {
      key: "estimate_rnn",
      values: { rho: dec(p.rho), steps: p.steps - 1, log: signed((p.steps - 1) * Math.log10(p.rho), 1) },
    },
    measured: { key: "measured_log", values: { log: signed(r?.summary.log10GradRatio ?? Number.NaN) } },
    why: { key: p.rho < 1 ? "why_rnn_contracting" : "why_rnn_expanding" },
  }),
  marks: (_p, [r], answer) => (r ? verdictMarks(r, answer) : { marks: [] }),
};
