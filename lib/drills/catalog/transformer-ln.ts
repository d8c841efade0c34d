/**
 * Pre-LN vs Post-LN: the same Transformer with LayerNorm after each residual sum (Post-LN) and
 * inside each branch with a final LayerNorm (Pre-LN), at initialisation. How does the backward
 * signal reaching the last block, ‖∂L/∂x_L‖, compare? Four bands of the ratio Post/Pre, kept when
 * the engine's ratio is at least MARGIN decades from the bands' edges (½×, 2×, 4×).
 *
 * Small configs (dModel 16, 4 heads, 8 tokens, batch 2, ≤ 16 blocks): both runs together stay
 * under the scenario budget. Measured over seeds (2026-12-01): log₁₀ Post/Pre is 0.22–0.34 at 1
 * block, 0.39–0.47 at 3, 0.45–0.54 at 4, 0.53–0.64 at 6–8 and 0.66–0.90 at 12–16 with Xavier
 * init, 0.11–0.20 at every depth with N(0, 0.02²); the depths drawn avoid those near a band's
 * edge, and the engine's runs still decide every problem.
 */

import { dec, engineSeed, intIn, pick, sciText, signed } from "@/lib/drills/draw";
import type { DrillChoice, DrillFamily, DrillMark } from "@/lib/drills/family";
import { ends } from "@/lib/drills/marks";
import type { SimConfigInput, SimResult } from "@/lib/sim";

type LnDraw = { depth: number; init: "xavier" | "small"; seed: number };

const D_MODEL = 16;
const HEADS = 4;
const SEQ_LEN = 8;
const BATCH = 2;
/** a tenth of a doubling: the ratio sits at least ×1.12 from a band's edge */
const MARGIN = 0.05;

/** The bands of Post/Pre, lowest first, with their edges in decades and a ratio inside each for the chart's mark. */
const BANDS = [
  { id: "pre-larger", upper: -Math.log10(2), inside: 1 / 2.8 },
  { id: "similar", upper: Math.log10(2), inside: 1 },
  { id: "post-2-4", upper: Math.log10(4), inside: 2.8 },
  { id: "post-over-4", upper: Infinity, inside: 8 },
] as const;
type BandId = (typeof BANDS)[number]["id"];
const EDGES = BANDS.map((b) => b.upper).filter(Number.isFinite);

/** Xavier depths clear of the 2× and 4× edges in the measurements above */
const XAVIER_DEPTHS = [3, 4, 12, 13, 14, 15, 16] as const;

const config = (p: LnDraw, norm: "post" | "pre"): SimConfigInput => ({
  model: "transformer",
  depth: p.depth,
  dModel: D_MODEL,
  heads: HEADS,
  seqLen: SEQ_LEN,
  batch: BATCH,
  norm,
  init: p.init,
  seed: p.seed,
});

/** ‖∂L/∂x‖ at the last block's output. */
const lastBlock = (r: SimResult | undefined): number => (r ? (ends(r).last ?? Number.NaN) : Number.NaN);

const bandOf = (log: number): BandId => BANDS.find((b) => log < b.upper)?.id ?? "post-over-4";

/** The back-of-the-envelope ratio: Pre-LN's stream gains about two unit-variance branches per block, so std(x_L) ≈ √(1 + 2L). */
const estimatedRatio = (p: LnDraw): number => (p.init === "small" ? 1 : Math.sqrt(1 + 2 * p.depth));

export const transformerLn: DrillFamily<LnDraw> = {
  id: "transformer-ln",
  margin: MARGIN,
  draw: (rng) => {
    const init = rng.uniform() < 0.25 ? "small" : "xavier";
    return { init, depth: init === "small" ? intIn(rng, 2, 16) : pick(rng, XAVIER_DEPTHS), seed: engineSeed(rng) };
  },
  runs: (p) => [
    { label: { key: "run_post" }, config: config(p, "post") },
    { label: { key: "run_pre" }, config: config(p, "pre") },
  ],
  prompt: (p) => [
    {
      key: "ln_prompt",
      values: {
        depth: p.depth,
        dModel: D_MODEL,
        heads: HEADS,
        tokens: SEQ_LEN,
        init: p.init === "small" ? "N(0, 0.02²)" : "Xavier",
      },
    },
  ],
  answer: () => ({
    type: "choice",
    choices: BANDS.map((b): DrillChoice => ({ id: b.id, label: { key: `ln_${b.id}` } })),
  }),
  judge(_p, [post, pre]) {
    if (!post || !pre) throw new Error("transformer-ln: two results are needed");
    const log = Math.log10(lastBlock(post) / lastBlock(pre));
    if (post.summary.nonFinite || pre.summary.nonFinite || !Number.isFinite(log))
      return { ok: false, reason: `log10 Post/Pre is ${log}` };
    const clearance = Math.min(...EDGES.map((e) => Math.abs(log - e)));
    if (!(clearance >= MARGIN)) return { ok: false, reason: `log10 Post/Pre ${log.toFixed(3)} is near a band's edge` };
    return {
      ok: true,
      expected: bandOf(log),
      clearance,
      measured: { postLast: lastBlock(post), preLast: lastBlock(pre), log10PostOverPre: log },
    };
  },
  explain: (p, [post, pre]) => {
    const ratio = lastBlock(post) / lastBlock(pre);
    return {
      estimate: {
        key: p.init === "small" ? "estimate_ln_small" : "estimate_ln",
        values: { depth: p.depth, twice: 2 * p.depth, ratio: dec(estimatedRatio(p), 1) },
      },
      measured: {
        key: "measured_ln",
        values: {
          post: sciText(lastBlock(post)),
          pre: sciText(lastBlock(pre)),
          ratio: dec(ratio, 1),
          log: signed(Math.log10(ratio)),
        },
      },
      why: { key: p.init === "small" ? "why_ln_small" : "why_ln" },
    };
  },
  /** at the last block: the engine's Post-LN value, and where the learner's band puts it (Pre-LN's × the band) */
  marks: (p, [post, pre], answer) => {
    const marks: DrillMark[] = [];
    const postLast = lastBlock(post);
    const preLast = lastBlock(pre);
    if (Number.isFinite(postLast) && Number.isFinite(preLast))
      marks.push({
        type: "point",
        chart: "block",
        x: p.depth,
        y: postLast,
        tone: "model",
        label: { key: "mark_lnEngine", values: { ratio: dec(postLast / preLast, 1) } },
      });
    const band = BANDS.find((b) => b.id === answer);
    if (band && Number.isFinite(preLast))
      marks.push({
        type: "point",
        chart: "block",
        x: p.depth,
        y: preLast * band.inside,
        tone: "learner",
        label: { key: `mark_ln_${band.id}` },
      });
    return { marks };
  },
};
