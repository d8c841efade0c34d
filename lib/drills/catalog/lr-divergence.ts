/**
 * A deep linear net (the loss is a quartic-like bowl whose curvature grows with the weights).
 * Will 30 steps of SGD at this learning rate diverge (the loss ends above where it started, or
 * overflows), with or without gradient-norm clipping? Kept when the loss ratio is half a decade
 * clear of 1.
 */

import { dec, engineSeed, pick, sciText } from "@/lib/drills/draw";
import type { DrillFamily, DrillMark } from "@/lib/drills/family";
import type { SimConfigInput } from "@/lib/sim";
import { YES_NO_CHOICES } from "./yes-no";

type LrDraw = { lr: number; clip: boolean; seed: number };

const MARGIN = 0.5;
const TRAIN_STEPS = 30;
const CLIP_THRESHOLD = 1;
/** learning rates on a 1–2–5 grid from 0.02 to 5 */
const LRS = [0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5] as const;

const config = (p: LrDraw): SimConfigInput => ({
  model: "mlp",
  depth: 4,
  width: 16,
  batch: 16,
  activation: "linear",
  init: "xavier",
  seed: p.seed,
  train: {
    steps: TRAIN_STEPS,
    optimizer: "sgd",
    lr: p.lr,
    clip: { mode: p.clip ? "norm" : "none", threshold: CLIP_THRESHOLD },
  },
});

export const lrDivergence: DrillFamily<LrDraw> = {
  id: "lr-divergence",
  margin: MARGIN,
  draw: (rng) => ({ lr: pick(rng, LRS), clip: rng.uniform() < 0.5, seed: engineSeed(rng) }),
  runs: (p) => [{ label: { key: "run_net" }, config: config(p) }],
  prompt: (p) => [
    {
      key: p.clip ? "lr_prompt_clip" : "lr_prompt",
      values: { lr: dec(p.lr, p.lr < 0.1 ? 2 : 1), steps: TRAIN_STEPS, threshold: CLIP_THRESHOLD },
    },
  ],
  answer: () => ({ type: "choice", choices: YES_NO_CHOICES }),
  judge(_p, [r]) {
    if (!r) throw new Error("lr-divergence: no result");
    const initial = r.history[0]?.loss ?? Number.NaN;
    const final = r.summary.loss;
    if (r.summary.nonFinite || !Number.isFinite(final))
      return { ok: true, expected: "yes", clearance: Infinity, measured: { initial, final: null } };
    const decades = Math.log10(final / initial);
    if (!Number.isFinite(decades)) return { ok: false, reason: `loss ratio ${final}/${initial}` };
    if (Math.abs(decades) < MARGIN)
      return { ok: false, reason: `loss ratio 10^${decades.toFixed(2)} is within ${MARGIN} decades of 1` };
    return {
      ok: true,
      expected: decades > 0 ? "yes" : "no",
      clearance: Math.abs(decades),
      measured: { initial, final },
    };
  },
  explain: (p, [r]) => {
    const initial = r?.history[0]?.loss ?? Number.NaN;
    const final = r?.summary.loss ?? Number.NaN;
    const maxGrad = Math.max(...(r?.history ?? []).map((s) => s.gradNorm).filter(Number.isFinite), 0);
    return {
      estimate: {
        key: p.clip ? "estimate_lr_clip" : "estimate_lr",
        values: { lr: dec(p.lr, 2), threshold: CLIP_THRESHOLD },
      },
      measured: {
        key: "measured_loss",
        values: {
          initial: sciText(initial),
          final: r?.summary.nonFinite ? "NaN" : sciText(final),
          grad: sciText(maxGrad),
        },
      },
      why: { key: p.clip ? "why_lr_clip" : "why_lr" },
    };
  },
  /** on the loss chart: the starting loss (the boundary) as the learner's line, and where the engine's loss ended */
  marks: (_p, [r], answer) => {
    const initial = r?.history[0]?.loss;
    const final = r?.summary.loss;
    if (typeof initial !== "number" || !(initial > 0) || !Number.isFinite(initial)) return { marks: [] };
    const marks: DrillMark[] = [
      {
        type: "y",
        chart: "loss",
        y: initial,
        tone: "learner",
        label: { key: `mark_yourDivergence_${String(answer)}` },
      },
    ];
    if (typeof final === "number" && Number.isFinite(final) && final > 0 && !r?.summary.nonFinite)
      marks.push({
        type: "y",
        chart: "loss",
        y: final,
        tone: "model",
        label: { key: "mark_engineFinalLoss", values: { loss: sciText(final) } },
      });
    else {
      // the run overflowed: ring the last finite loss of its history
      const history = r?.history ?? [];
      const lastFinite = history.findLastIndex((h) => Number.isFinite(h.loss) && h.loss > 0);
      const loss = history[lastFinite]?.loss;
      if (loss !== undefined)
        marks.push({
          type: "point",
          chart: "loss",
          x: lastFinite + 1,
          y: loss,
          tone: "model",
          label: { key: "mark_engineOverflow", values: { step: lastFinite + 1 } },
        });
    }
    return { marks };
  },
};
