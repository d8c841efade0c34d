/**
 * Theory tests: the engine against what the literature predicts. Each test states the numbers
 * measured with this engine (fixed seeds, so they are reproducible exactly) and asserts them with
 * a tolerance that still separates the phenomena.
 */
import { describe, expect, it } from "vitest";
import { drawBatch } from "../../../lib/sim/build";
import { type MlpResult, type RecurrentResult, SimConfigSchema, simulate } from "../../../lib/sim/index";
import type { MlpConfig } from "../../../lib/sim/schema";
import { slope } from "./helpers";

const mlp = (x: Record<string, unknown>) =>
  simulate(SimConfigSchema.parse({ model: "mlp", ...x }), { timing: false }) as MlpResult;
const rec = (x: Record<string, unknown>) => simulate(SimConfigSchema.parse(x), { timing: false }) as RecurrentResult;
const spread = (xs: number[]) => Math.max(...xs) / Math.min(...xs);
const actGrads = (r: MlpResult) => r.layers.map((l) => l.activationGradNorm);
/** root mean square of a layer's activations */
const rms = (r: MlpResult) => r.layers.map((l) => Math.hypot(l.activationMean, l.activationStd));

describe("deep MLPs at initialisation", () => {
  it("sigmoid' ≤ 1/4: depth 20, Xavier — layer 1's backward signal 1e-12 of the last (measured 1.1e-12, 0.236 per layer)", () => {
    const r = mlp({ depth: 20, width: 64, batch: 32, activation: "sigmoid", init: "xavier" });
    expect(r.summary.gradRatio).toBeLessThan(1e-9);
    expect(r.summary.gradRatio ** (1 / 19)).toBeLessThan(0.3);
    expect(r.summary.verdict).toBe("vanishing");
  });

  it("He + ReLU keeps the activation scale within a small factor over 50 layers, width 256 (measured RMS spread 2.9: 1.01 → 0.46)", () => {
    const r = mlp({ depth: 50, width: 256, batch: 32, activation: "relu", init: "he" });
    expect(spread(rms(r))).toBeLessThan(4);
    expect(spread(actGrads(r))).toBeLessThan(4); // measured 2.1
    expect(r.summary.verdict).toBe("healthy");
  });

  it("Xavier + tanh stays within an order of magnitude over 50 layers; N(0,1) explodes, N(0, 0.01²) vanishes (width 256)", () => {
    const xavier = mlp({ depth: 50, width: 256, batch: 32, activation: "tanh", init: "xavier" });
    expect(spread(actGrads(xavier))).toBeLessThan(10); // measured 5.4
    expect(xavier.summary.verdict).toBe("healthy");
    const big = mlp({ depth: 50, width: 256, batch: 32, activation: "tanh", init: "normal", initStd: 1 });
    expect(big.summary.gradRatio).toBeGreaterThan(1e15); // measured 2.0e22 (chaotic phase)
    expect(big.summary.verdict).toBe("exploding");
    const small = mlp({ depth: 50, width: 256, batch: 32, activation: "tanh", init: "normal", initStd: 0.01 });
    expect(small.summary.gradRatio).toBeLessThan(1e-30); // measured 9.1e-40
    expect(small.summary.verdict).toBe("vanishing");
  });

  it("an orthogonal linear net preserves gradient norms exactly (depth 50: spread − 1 < 1e-10, measured ~1e-15)", () => {
    const r = mlp({ depth: 50, width: 64, batch: 16, activation: "linear", init: "orthogonal" });
    expect(spread(actGrads(r)) - 1).toBeLessThan(1e-10);
    expect(spread(r.layers.map((l) => l.weightGradNorm)) - 1).toBeLessThan(1e-10);
  });

  it("ReLU/linear without normalisation: the weight-gradient ratio stays ≈ 1 while the backward signal vanishes; the verdict follows the signal", () => {
    // W ~ N(0, (0.5/√n)²): each layer scales both the forward activations and the backward signal by ≈ 0.5
    const lin = mlp({ depth: 20, width: 64, batch: 32, activation: "linear", init: "normal", initStd: 0.0625 });
    expect(lin.summary.gradRatio).toBeLessThan(1e-4); // measured 1.7e-6
    expect(lin.summary.weightGradRatio).toBeGreaterThan(0.5); // measured 1.2
    expect(lin.summary.weightGradRatio).toBeLessThan(2);
    expect(lin.summary.verdict).toBe("vanishing");
    // ReLU at 1/√2 of He's std: both directions shrink by ≈ 0.7 per layer
    const relu = mlp({ depth: 30, width: 64, batch: 32, activation: "relu", init: "normal", initStd: 0.125 });
    expect(relu.summary.gradRatio).toBeLessThan(1e-3); // measured 1.6e-5
    expect(Math.abs(Math.log10(relu.summary.weightGradRatio))).toBeLessThan(0.3); // measured 1.25
    expect(relu.summary.verdict).toBe("vanishing");
  });

  it("BatchNorm does not flatten a deep plain net: gradients explode backwards at √(π/(π−1)) ≈ 1.21 per layer (Yang et al. 2019; measured 5.6, 113, 1.2e4 at depth 10, 25, 50)", () => {
    const ratios = [10, 25, 50].map((depth) =>
      mlp({ depth, width: 128, batch: 64, activation: "relu", init: "he", norm: "batch" }),
    );
    expect(ratios[0]!.summary.gradRatio).toBeLessThan(ratios[1]!.summary.gradRatio);
    expect(ratios[1]!.summary.gradRatio).toBeLessThan(ratios[2]!.summary.gradRatio);
    const perLayer = ratios[2]!.summary.gradRatio ** (1 / 49);
    expect(perLayer).toBeGreaterThan(1.15); // measured 1.21
    expect(perLayer).toBeLessThan(1.27);
    expect(ratios[2]!.summary.verdict).toBe("exploding");
    expect(spread(rms(ratios[2]!))).toBeLessThan(1.1); // while the forward pass is perfectly flat (measured 1.04)
  });

  it("residual connections keep the profile flat only with a small branch or with normalisation (depth 50, width 128)", () => {
    const base = { depth: 50, width: 128, batch: 64, activation: "relu", residual: true };
    const plain = mlp({ ...base, init: "he" });
    expect(plain.summary.gradRatio).toBeGreaterThan(1e6); // measured 3.1e11: variance doubles per block
    expect(plain.summary.verdict).toBe("exploding");
    const smallBranch = mlp({ ...base, init: "normal", initStd: 0.01 });
    expect(smallBranch.summary.gradRatio).toBeLessThan(10); // measured 7.2
    const withBn = mlp({ ...base, init: "he", norm: "batch" });
    expect(withBn.summary.gradRatio).toBeLessThan(10); // measured 7.1
    const withLn = mlp({ ...base, init: "he", norm: "layer" });
    expect(withLn.summary.gradRatio).toBeLessThan(2); // measured 1.18
    for (const r of [smallBranch, withBn, withLn]) expect(r.summary.verdict).toBe("healthy");
  });
});

describe("recurrent nets", () => {
  const decayPerStep = (r: RecurrentResult) => {
    const ts = r.timesteps.slice(0, 80); // away from the loss end
    return Math.exp(
      -slope(
        ts.map((s) => s.t),
        ts.map((s) => Math.log(s.hiddenGradNorm)),
      ),
    );
  };

  it.each([
    [0.9, 0.898],
    [0.5, 0.499],
  ])("tanh RNN in its linear regime decays geometrically at ρ = %s per step (measured %s)", (rho) => {
    const r = rec({
      model: "rnn",
      steps: 100,
      hidden: 64,
      inputs: 8,
      batch: 16,
      spectralRadius: rho,
      inputScale: 0.01,
    });
    expect(Math.abs(decayPerStep(r) - rho)).toBeLessThan(0.01);
    expect(r.summary.verdict).toBe("vanishing");
  });

  it("with saturating inputs tanh' < 1 makes it decay faster than ρ, monotonically (ρ = 0.9, inputScale 1: 0.60 per step)", () => {
    const r = rec({ model: "rnn", steps: 100, hidden: 64, inputs: 8, batch: 16, spectralRadius: 0.9, inputScale: 1 });
    expect(decayPerStep(r)).toBeLessThan(0.9);
    const g = r.timesteps.map((s) => s.hiddenGradNorm);
    for (let t = 1; t < g.length; t++) expect(g[t]!).toBeGreaterThan(g[t - 1]!);
  });

  it("an LSTM with forget bias 1 keeps gradients over 100 steps far better than the RNN (measured 5.8e-9 vs 3.2e-21); bias 3 keeps them flat (1.1), 0 loses them (4.7e-22)", () => {
    const dims = { steps: 100, hidden: 32, inputs: 8, batch: 16 };
    const rnn = rec({ model: "rnn", ...dims, spectralRadius: 1 });
    const lstm = (forgetBias: number) => rec({ model: "lstm", ...dims, forgetBias }).summary.gradRatio;
    const [fb0, fb1, fb3] = [lstm(0), lstm(1), lstm(3)];
    expect(fb1 / rnn.summary.gradRatio).toBeGreaterThan(1e6);
    expect(fb0).toBeLessThan(fb1);
    expect(fb3).toBeGreaterThan(1e-2);
    expect(fb3).toBeLessThan(1e2);
  });
});

describe("training", () => {
  /** Best loss of an input-independent output: per feature, the batch mean of y clamped to the activation's range. */
  function constantFloor(c: MlpConfig, lo: number, hi: number): number {
    const { y } = drawBatch(c);
    let loss = 0;
    for (let j = 0; j < c.width; j++) {
      let m = 0;
      for (let b = 0; b < c.batch; b++) m += y[b * c.width + j]!;
      const k = Math.min(hi, Math.max(lo, m / c.batch));
      for (let b = 0; b < c.batch; b++) loss += (k - y[b * c.width + j]!) ** 2;
    }
    return (0.5 * loss) / c.batch;
  }
  const base = { model: "mlp", depth: 20, width: 32, batch: 16 };

  it("deep sigmoid + small init learns nothing input-dependent (stuck at the constant-output floor: 14.112 vs 14.110); ReLU + He + BN goes well below it (8.66)", () => {
    const sig = SimConfigSchema.parse({
      ...base,
      activation: "sigmoid",
      init: "normal",
      initStd: 0.01,
      train: { steps: 200, lr: 1 },
    }) as MlpConfig;
    const rs = simulate(sig, { timing: false });
    expect(rs.summary.loss / constantFloor(sig, 0, 1)).toBeGreaterThan(0.999);
    const bn = SimConfigSchema.parse({
      ...base,
      activation: "relu",
      init: "he",
      norm: "batch",
      train: { steps: 200, lr: 0.1 },
    }) as MlpConfig;
    const rb = simulate(bn, { timing: false });
    expect(rb.summary.loss / constantFloor(bn, 0, Infinity)).toBeLessThan(0.7); // measured 0.614
    expect(rb.summary.loss / rb.history[0]!.loss).toBeLessThan(0.4); // measured 0.365
  });

  it("a too-large learning rate diverges without clipping (non-finite at step 4) and stays finite with clipping by norm", () => {
    const run = { model: "mlp", depth: 10, width: 32, batch: 16, activation: "relu", init: "he" };
    const wild = simulate(SimConfigSchema.parse({ ...run, train: { steps: 100, lr: 1 } }), { timing: false });
    expect(wild.summary.nonFinite).toBe(true);
    expect(wild.history.at(-1)!.nonFinite).toBe(true);
    const clipped = simulate(
      SimConfigSchema.parse({ ...run, train: { steps: 100, lr: 1, clip: { mode: "norm", threshold: 1 } } }),
      { timing: false },
    );
    expect(clipped.summary.nonFinite).toBe(false);
    expect(clipped.history).toHaveLength(100);
    expect(clipped.history.every((h) => h.clippedGradNorm <= 1 + 1e-12)).toBe(true);
    expect(clipped.summary.loss).toBeLessThan(clipped.history[0]!.loss); // and it learns: 19.04 → 12.17
  });
});

describe("mixed precision", () => {
  // The default fp16 scenario: a depth-12 sigmoid net, whose first-layer gradients (~2.6e-7 in
  // norm, ~1e-9 per element) sit below fp16's smallest subnormal 2^-24 ≈ 6e-8.
  const scenario = { depth: 12, width: 64, batch: 32, activation: "sigmoid", init: "xavier" };
  const relErr = (a: MlpResult, ref: MlpResult) =>
    a.layers.map((l, i) => Math.abs(l.weightGradNorm / ref.layers[i]!.weightGradNorm - 1));

  it("fp16 without loss scaling underflows the first layers' gradients to 0; fp32 keeps them; loss scaling 1024 recovers them", () => {
    const ref = mlp({ ...scenario });
    const fp32 = mlp({ ...scenario, precision: "fp32" });
    expect(Math.max(...relErr(fp32, ref))).toBeLessThan(1e-6); // measured 2e-8
    const fp16 = mlp({ ...scenario, precision: "fp16" });
    expect(fp16.layers[0]!.weightGradNorm).toBe(0);
    expect(fp16.layers[1]!.weightGradNorm).toBe(0);
    expect(fp16.layers[0]!.activationGradNorm).toBe(0);
    expect(relErr(fp16, ref)[2]).toBeGreaterThan(0.3); // measured 0.65: partial underflow
    const scaled = mlp({ ...scenario, precision: "fp16", lossScale: 1024 });
    expect(Math.max(...relErr(scaled, ref))).toBeLessThan(3e-3); // measured 7.9e-4
  });

  it("too large a loss scale overflows fp16 (65504) instead: reported as non-finite, verdict exploding", () => {
    const r = mlp({ ...scenario, precision: "fp16", lossScale: 2 ** 24 });
    expect(r.summary.nonFinite).toBe(true);
    expect(r.layers.at(-1)!.activationGradNorm).toBe(Infinity);
    expect(r.summary.verdict).toBe("exploding");
  });
});
