/** Every preset is a valid lab URL within the browser's budget, and shows the lesson its text claims (run by the engine). */
import { describe, expect, it } from "vitest";
import { PRESETS, presetHref } from "@/lib/lab/presets";
import { BROWSER_FLOP_BUDGET } from "@/lib/lab/runner";
import { readLabSlots } from "@/lib/lab/slots";
import { estimateFlops, type SimResult, simulate } from "@/lib/sim";

function runPreset(id: string): SimResult[] {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(id);
  const slots = readLabSlots(new URL(presetHref(preset), "http://x").searchParams);
  return slots.map((s) => {
    if (!s.config) throw new Error(`${id} ${s.slot}: ${JSON.stringify(s.errors)}`);
    return simulate(s.config, { timing: false });
  });
}

/** The snapshot's loss after training over the first step's loss (as the bank's lossStaysAbove/lossDropBelow read it). */
const lossRatio = (r: SimResult) => r.summary.loss / (r.history[0]?.loss ?? Number.NaN);

describe("lab presets", () => {
  it("are valid, uncapped and fit the browser's budget", () => {
    for (const p of PRESETS) {
      const slots = readLabSlots(new URL(presetHref(p), "http://x").searchParams);
      expect(slots).toHaveLength(p.configs.length);
      for (const s of slots) {
        expect(s.errors, p.id).toEqual([]);
        expect(s.capped, p.id).toBeNull();
        expect(estimateFlops(s.config as NonNullable<typeof s.config>), p.id).toBeLessThanOrEqual(BROWSER_FLOP_BUDGET);
      }
    }
  });

  it("sigmoid, 30 layers: vanishing", () => {
    expect(runPreset("sigmoid30").map((r) => r.summary.verdict)).toEqual(["vanishing"]);
  });

  it("ReLU: Xavier vanishes, He is healthy", () => {
    expect(runPreset("xavierVsHe").map((r) => r.summary.verdict)).toEqual(["vanishing", "healthy"]);
  });

  it("RNN ρ 1.5 trained with a large step: unclipped the loss stays high, clipped it drops", () => {
    const [plain, clipped] = runPreset("rnnClipping");
    expect(lossRatio(plain as SimResult)).toBeGreaterThan(0.8);
    expect(lossRatio(clipped as SimResult)).toBeLessThan(0.3);
    expect(Math.max(...(plain as SimResult).history.map((h) => h.gradNorm ?? 0))).toBeGreaterThan(1000);
  });

  it("BatchNorm, 50 layers: plain explodes, residual is healthy", () => {
    expect(runPreset("batchNormResidual").map((r) => r.summary.verdict)).toEqual(["exploding", "healthy"]);
  });

  it("Pre-LN vs Post-LN, 24 blocks at initialisation: near the output Post-LN's gradients are several times Pre-LN's, which fall toward the output", () => {
    const [pre, post] = runPreset("preVsPostLn");
    if (pre?.model !== "transformer" || post?.model !== "transformer") throw new Error("not Transformer runs");
    expect([pre.meta.config, post.meta.config].map((c) => c.model === "transformer" && c.norm)).toEqual([
      "pre",
      "post",
    ]);
    const top = (r: typeof pre) => r.layers[r.layers.length - 1] as (typeof r.layers)[number];
    const bottom = (r: typeof pre) => r.layers[0] as (typeof r.layers)[number];
    // the caption's claim (Xiong et al. 2020, Thm 1): the block nearest the output, both what the
    // chart shows first (the residual stream's gradient) and the weights'
    expect(top(post).activationGradNorm).toBeGreaterThan(3 * top(pre).activationGradNorm);
    expect(top(post).weightGradNorm).toBeGreaterThan(3 * top(pre).weightGradNorm);
    // Pre-LN's shrink toward the output (by std(x_L)/std(x_1)); Post-LN's stay within a small factor
    expect(bottom(pre).weightGradNorm).toBeGreaterThan(2 * top(pre).weightGradNorm);
    const ratio = bottom(post).weightGradNorm / top(post).weightGradNorm;
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
    expect(pre.summary.nonFinite || post.summary.nonFinite).toBe(false);
    expect(pre.history.length + post.history.length).toBe(0);
  });

  it("at initialisation vs after training: the second trains for 50 steps", () => {
    const [init, trained] = runPreset("initVsTrained");
    expect(init?.history).toHaveLength(0);
    expect(trained?.history.length).toBeGreaterThanOrEqual(50);
    expect(init?.summary.nonFinite || trained?.summary.nonFinite).toBe(false);
  });

  it("RNN vs LSTM over 100 steps: both fade, the LSTM's gradient ratio is a million times larger", () => {
    const [rnn, lstm] = runPreset("rnnVsLstm") as [SimResult, SimResult];
    expect(rnn.summary.verdict).toBe("vanishing");
    expect(lstm.summary.gradRatio ?? 0).toBeGreaterThan((rnn.summary.gradRatio ?? 1) * 1e6);
  });
});
