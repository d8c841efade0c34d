/** Predict the verdict of a plain MLP: vanishing, healthy or exploding, kept a decade clear of the thresholds. */
import type { DrillFamily } from "@/lib/drills/family";
import { verdictMarks } from "@/lib/drills/marks";
import { judgeVerdict, VERDICT_CHOICES } from "@/lib/drills/verdict";
import { drawMlp, explainMlp, type MlpDraw, mlpConfig, mlpValues } from "./mlp";

export const verdictMlp: DrillFamily<MlpDraw> = {
  id: "verdict-mlp",
  margin: 1,
  draw: (rng) => drawMlp(rng, { min: 3, max: 40 }),
  runs: (p) => [{ label: { key: "run_net" }, config: mlpConfig(p) }],
  prompt: (p) => [{ key: "verdict_mlp_prompt", values: mlpValues(p) }],
  answer: () => ({ type: "choice", choices: VERDICT_CHOICES }),
  judge(_p, [r]) {
    if (!r) throw new Error("verdict-mlp: no result");
    return judgeVerdict(r, verdictMlp.margin);
  },
  explain: (p, [r]) => explainMlp(p, r),
  marks: (_p, [r], answer) => (r ? verdictMarks(r, answer) : { marks: [] }),
};
