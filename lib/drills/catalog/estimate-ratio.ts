/** Estimate log₁₀ of the first/last gradient ratio of a plain MLP, within ±1 decade. */
import type { DrillFamily } from "@/lib/drills/family";
import { estimateMarks } from "@/lib/drills/marks";
import { drawMlp, explainMlp, type MlpDraw, mlpConfig, mlpValues } from "./mlp";

const TOLERANCE = 1;
/** An answer beyond ±400 decades is no estimate (float64 spans about ±324). */
const ANSWER_LIMIT = 400;

export const estimateRatio: DrillFamily<MlpDraw> = {
  id: "estimate-ratio",
  margin: TOLERANCE,
  draw: (rng) => drawMlp(rng, { min: 4, max: 30 }),
  runs: (p) => [{ label: { key: "run_net" }, config: mlpConfig(p) }],
  prompt: (p) => [{ key: "estimate_prompt", values: mlpValues(p) }],
  answer: () => ({ type: "estimate", tolerance: TOLERANCE, min: -ANSWER_LIMIT, max: ANSWER_LIMIT }),
  judge(_p, [r]) {
    if (!r) throw new Error("estimate-ratio: no result");
    const log = r.summary.log10GradRatio;
    if (r.summary.nonFinite || !Number.isFinite(log)) return { ok: false, reason: `log10 gradRatio is ${log}` };
    return { ok: true, expected: log, clearance: Infinity, measured: { log10GradRatio: log } };
  },
  explain: (p, [r]) => explainMlp(p, r),
  marks: (_p, [r], answer) => (r ? estimateMarks(r, answer) : { marks: [] }),
};
