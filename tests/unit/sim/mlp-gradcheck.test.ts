/** Finite-difference checks of the MLP backward pass (float64, central differences, h = 1e-5). */
import { describe, expect, it } from "vitest";
import { drawBatch, mlpParams } from "../../../lib/sim/build";
import { ACTIVATIONS, INITS } from "../../../lib/sim/choices";
import { Mlp } from "../../../lib/sim/mlp";
import { type MlpConfig, SimConfigSchema } from "../../../lib/sim/schema";
import { FD_STEP, gradCheck } from "./helpers";

const TOL = 1e-6;

function small(over: Record<string, unknown>): MlpConfig {
  return SimConfigSchema.parse({ model: "mlp", depth: 3, width: 4, batch: 3, seed: 7, ...over }) as MlpConfig;
}

/** ∂loss/∂W by backprop (fp64), against central differences of the loss in each weight. */
function checkWeights(c: MlpConfig): number {
  const W = mlpParams(c);
  const m = new Mlp(c, W, drawBatch(c));
  m.lossAndGrad();
  const grads = m.grads.map((g) => Float64Array.from(g));
  return gradCheck(() => m.forward(), W, grads); // the model reads W in place: gradCheck perturbs it
}

describe("MLP gradient check: ∂loss/∂W_l", () => {
  it.each(ACTIVATIONS)("activation %s", (activation) => {
    expect(checkWeights(small({ activation }))).toBeLessThan(TOL);
  });

  it.each(INITS)("init %s (tanh)", (init) => {
    expect(checkWeights(small({ init, activation: "tanh" }))).toBeLessThan(TOL);
  });

  it.each([
    ["batch", "tanh"],
    ["batch", "relu"],
    ["batch", "gelu"],
    ["layer", "tanh"],
    ["layer", "relu"],
    ["layer", "selu"],
  ])("norm %s with %s", (norm, activation) => {
    expect(checkWeights(small({ norm, activation }))).toBeLessThan(TOL);
  });

  it.each([
    ["none", "tanh"],
    ["none", "relu"],
    ["batch", "relu"],
    ["layer", "sigmoid"],
  ])("residual with norm %s, %s", (norm, activation) => {
    expect(checkWeights(small({ norm, activation, residual: true }))).toBeLessThan(TOL);
  });

  it("a deeper, wider case: depth 6, width 5, batch 4, BN + residual + elu", () => {
    expect(
      checkWeights(small({ depth: 6, width: 5, batch: 4, norm: "batch", residual: true, activation: "elu" })),
    ).toBeLessThan(TOL);
  });
});

describe("MLP gradient check: binary cross-entropy on the sigmoid read-out", () => {
  it.each([
    [{ activation: "sigmoid" }],
    [{ activation: "tanh", norm: "layer" }],
    [{ activation: "relu", residual: true }],
    [{ activation: "sigmoid", init: "normal", initStd: 3 }], // a saturated read-out: the loss is still smooth
  ])("∂loss/∂W_l %o", (over) => {
    expect(checkWeights(small({ loss: "bce", ...over }))).toBeLessThan(TOL);
  });

  it("the loss is the mean binary cross-entropy of σ(h_D) against Bernoulli(½) targets in {0, 1}", () => {
    const c = small({ loss: "bce", activation: "tanh" });
    const W = mlpParams(c);
    const data = drawBatch(c);
    expect(new Set(data.y)).toEqual(new Set([0, 1]));
    const m = new Mlp(c, W, data, undefined, true);
    const loss = m.forward();
    // h_D by hand: the last layer has no activation (its outputs are the logits)
    let h = Float64Array.from(data.x);
    const n = c.width;
    for (let l = 0; l < c.depth; l++) {
      const z = new Float64Array(c.batch * n);
      for (let b = 0; b < c.batch; b++)
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let j = 0; j < n; j++) s += W[l]![i * n + j]! * h[b * n + j]!;
          z[b * n + i] = l === c.depth - 1 ? s : Math.tanh(s);
        }
      h = z;
    }
    let bce = 0;
    for (const [i, o] of h.entries()) {
      const p = 1 / (1 + Math.exp(-o));
      bce -= data.y[i]! * Math.log(p) + (1 - data.y[i]!) * Math.log(1 - p);
    }
    expect(loss).toBeCloseTo(bce / c.batch, 12);
  });
});

describe("MLP gradient check: ∂loss/∂h_l (the reported activationGradNorm)", () => {
  it.each([
    [{ loss: "bce", activation: "sigmoid" }],
    [{ activation: "tanh" }],
    [{ activation: "relu", norm: "batch" }],
    [{ activation: "sigmoid", norm: "layer", residual: true }],
  ])("%o", (over) => {
    const c = small(over);
    const W = mlpParams(c);
    const data = drawBatch(c);
    const m = new Mlp(c, W, data, undefined, true); // keeps copies of ∂loss/∂h_l
    m.lossAndGrad();
    const probe = new Mlp(c, W, data);
    for (let l = 1; l <= c.depth; l++) {
      const g = (m.activationGrads as Float64Array[])[l - 1] as Float64Array;
      let diff = 0;
      let sum = 0;
      for (let i = 0; i < g.length; i++) {
        probe.perturbation = { layer: l, index: i, delta: FD_STEP };
        const up = probe.forward();
        probe.perturbation = { layer: l, index: i, delta: -FD_STEP };
        const down = probe.forward();
        const fd = (up - down) / (2 * FD_STEP);
        diff += (fd - (g[i] as number)) ** 2;
        sum += fd * fd + (g[i] as number) ** 2;
      }
      expect(Math.sqrt(diff / sum)).toBeLessThan(TOL);
      // the reported norm is the Frobenius norm of that gradient
      expect(m.activationGradNorms[l - 1]).toBeCloseTo(Math.sqrt(g.reduce((s, v) => s + v * v, 0)), 12);
    }
  });
});
