/**
 * fp16 with and without loss scaling: does the first layer's gradient survive (non-zero and
 * finite)? The fp64 twin gives the true gradient; a draw is kept when its scaled per-element rms
 * is a decade clear of fp16's smallest subnormal (2⁻²⁴) and the fp16 run agrees.
 */

import { engineSeed, intIn, pick, sciText } from "@/lib/drills/draw";
import type { DrillFamily, DrillMark } from "@/lib/drills/family";
import type { SimConfigInput, SimResult } from "@/lib/sim";
import { YES_NO_CHOICES } from "./yes-no";

type Fp16Draw = { depth: number; activation: "sigmoid" | "tanh"; lossScale: number; seed: number };

const MARGIN = 1;
const WIDTH = 32;
const BATCH = 16;
/** the smallest positive fp16 number (a subnormal) */
const FP16_TINY = 2 ** -24;
const LOSS_SCALES = [1, 2 ** 8, 2 ** 16] as const;

const config = (p: Fp16Draw, precision: "fp16" | "fp64"): SimConfigInput => ({
  model: "mlp",
  depth: p.depth,
  width: WIDTH,
  batch: BATCH,
  activation: p.activation,
  init: "xavier",
  seed: p.seed,
  precision,
  lossScale: precision === "fp16" ? p.lossScale : 1,
});

/** The first layer's scaled backward signal per element, from the fp64 twin. */
const scaledRms = (p: Fp16Draw, r64: SimResult): number =>
  ((r64.model === "mlp" ? (r64.layers[0]?.activationGradNorm ?? 0) : 0) * p.lossScale) / Math.sqrt(BATCH * WIDTH);

const firstLayerGrad = (r: SimResult): number => (r.model === "mlp" ? (r.layers[0]?.activationGradNorm ?? 0) : 0);

export const fp16Underflow: DrillFamily<Fp16Draw> = {
  id: "fp16-underflow",
  margin: MARGIN,
  draw: (rng) => ({
    depth: intIn(rng, 4, 24),
    activation: pick(rng, ["sigmoid", "tanh"] as const),
    lossScale: pick(rng, LOSS_SCALES),
    seed: engineSeed(rng),
  }),
  runs: (p) => [
    { label: { key: "run_fp16" }, config: config(p, "fp16") },
    { label: { key: "run_fp64" }, config: config(p, "fp64") },
  ],
  prompt: (p) => [
    {
      key: p.lossScale === 1 ? "fp16_prompt" : "fp16_prompt_scaled",
      values: { depth: p.depth, width: WIDTH, activation: p.activation, scale: `2^${Math.log2(p.lossScale)}` },
    },
  ],
  answer: () => ({ type: "choice", choices: YES_NO_CHOICES }),
  judge(p, [r16, r64]) {
    if (!r16 || !r64) throw new Error("fp16-underflow: two results are needed");
    if (r16.summary.nonFinite) return { ok: false, reason: "the fp16 run overflows" };
    const rms = scaledRms(p, r64);
    const clearance = Math.abs(Math.log10(rms / FP16_TINY));
    if (!(clearance >= MARGIN)) return { ok: false, reason: `scaled rms ${rms} is within a decade of 2^-24` };
    const g16 = firstLayerGrad(r16);
    const survives = Number.isFinite(g16) && g16 > 0;
    if (survives !== rms > FP16_TINY) return { ok: false, reason: "the fp16 run disagrees with the rms rule" };
    return {
      ok: true,
      expected: survives ? "yes" : "no",
      clearance,
      measured: { fp16FirstGrad: g16, fp64FirstGrad: firstLayerGrad(r64), scaledRms: rms },
    };
  },
  explain: (p, [r16, r64]) => ({
    estimate: {
      key: "estimate_fp16",
      values: { rms: r64 ? sciText(scaledRms(p, r64)) : "?", tiny: sciText(FP16_TINY) },
    },
    measured: {
      key: "measured_fp16",
      values: { g16: r16 ? sciText(firstLayerGrad(r16)) : "?", g64: r64 ? sciText(firstLayerGrad(r64)) : "?" },
    },
    why: { key: p.lossScale === 1 ? "why_fp16" : "why_fp16_scaled" },
  }),
  /**
   * On the layer chart: fp16's floor as a gradient norm (2⁻²⁴ per element, × √(batch · width),
   * ÷ the loss scale) as the learner's line, and the true (fp64) first-layer gradient.
   */
  marks: (p, [, r64], answer) => {
    const floor = (FP16_TINY * Math.sqrt(BATCH * WIDTH)) / p.lossScale;
    const marks: DrillMark[] = [
      { type: "y", chart: "layer", y: floor, tone: "learner", label: { key: `mark_yourFp16_${String(answer)}` } },
    ];
    const g64 = r64 ? firstLayerGrad(r64) : 0;
    if (g64 > 0 && Number.isFinite(g64))
      marks.push({
        type: "point",
        chart: "layer",
        x: 1,
        y: g64,
        tone: "model",
        label: { key: "mark_engineFp64", values: { g: sciText(g64) } },
      });
    return { marks };
  },
};
