/** The training additions: learning-rate schedules, weight decay (coupled L2 and AdamW), what history records. */
import { describe, expect, it } from "vitest";
import { createMlp } from "../../../lib/sim/build";
import { SimConfigSchema, simulate } from "../../../lib/sim/index";
import type { MlpConfig, TrainConfig } from "../../../lib/sim/schema";
import {
  ADAM_BETA1,
  ADAM_BETA2,
  ADAM_EPS,
  globalNorm,
  learningRate,
  MOMENTUM,
  makeOptimizer,
  train,
} from "../../../lib/sim/train";

const trainCfg = (over: Partial<TrainConfig> & Record<string, unknown>): TrainConfig =>
  SimConfigSchema.parse({ model: "mlp", depth: 2, width: 3, train: over }).train as TrainConfig;

describe("learning-rate schedules", () => {
  it("constant: lr at every step", () => {
    const c = trainCfg({ steps: 10, lr: 0.3 });
    for (let s = 1; s <= 10; s++) expect(learningRate(c, s)).toBe(0.3);
  });

  it("linear-warmup: lr/W at step 1, rising linearly to lr at step W, then constant", () => {
    const c = trainCfg({ steps: 20, lr: 0.5, schedule: { kind: "linear-warmup", warmupSteps: 5 } });
    for (const s of [1, 2, 3, 4, 5]) expect(learningRate(c, s)).toBeCloseTo(0.1 * s, 15);
    for (let s = 6; s <= 20; s++) expect(learningRate(c, s)).toBe(0.5);
  });

  it("warmup-cosine: the same warm-up, then ½(1 + cos) down to 0 at the last step (lr/2 halfway)", () => {
    const c = trainCfg({ steps: 25, lr: 0.8, schedule: { kind: "warmup-cosine", warmupSteps: 5 } });
    expect(learningRate(c, 1)).toBeCloseTo(0.16, 15);
    expect(learningRate(c, 5)).toBe(0.8);
    expect(learningRate(c, 15)).toBeCloseTo(0.4, 15);
    expect(learningRate(c, 25)).toBeCloseTo(0, 15);
    for (let s = 6; s <= 25; s++) expect(learningRate(c, s)).toBeLessThan(learningRate(c, s - 1));
    const plain = trainCfg({ steps: 4, lr: 1, schedule: { kind: "warmup-cosine", warmupSteps: 0 } });
    expect([1, 2, 3, 4].map((s) => learningRate(plain, s))).toEqual(
      [1, 2, 3, 4].map((s) => 0.5 * (1 + Math.cos((Math.PI * s) / 4))),
    );
  });

  it("history records each step's lr", () => {
    const r = simulate(
      SimConfigSchema.parse({
        model: "mlp",
        depth: 3,
        width: 4,
        train: { steps: 6, lr: 0.06, schedule: { kind: "linear-warmup", warmupSteps: 3 } },
      }),
      { timing: false },
    );
    const expected = [0.02, 0.04, 0.06, 0.06, 0.06, 0.06];
    for (const [i, h] of r.history.entries()) expect(h.lr).toBeCloseTo(expected[i]!, 15);
  });
});

describe("weight decay: one optimizer step by hand", () => {
  const p0 = [Float64Array.from([0.5, -2, 0.1]), Float64Array.from([3])];
  const g0 = [Float64Array.from([0.2, 0.4, -1e-3]), Float64Array.from([-0.5])];
  const lr = 0.1;
  const lambda = 0.3;
  const stepOnce = (optimizer: TrainConfig["optimizer"], steps = 1) => {
    const cfg = trainCfg({ optimizer, lr, weightDecay: lambda, steps: 3 });
    const ps = p0.map((p) => Float64Array.from(p));
    const opt = makeOptimizer(cfg, ps);
    for (let s = 0; s < steps; s++)
      opt.step(
        ps,
        g0.map((g) => Float64Array.from(g)),
        lr,
        new Float64Array(ps.length),
      );
    return ps.flatMap((p) => [...p]);
  };
  const P = p0.flatMap((p) => [...p]);
  const G = g0.flatMap((g) => [...g]);

  it("sgd: θ ← θ − lr·(g + λθ)", () => {
    expect(stepOnce("sgd")).toEqual(P.map((p, i) => p - lr * (G[i]! + lambda * p)));
  });

  it("momentum: v ← 0.9v + g + λθ, θ ← θ − lr·v (two steps)", () => {
    const one = P.map((p, i) => p - lr * (G[i]! + lambda * p));
    const v1 = P.map((p, i) => G[i]! + lambda * p);
    const two = one.map((p, i) => p - lr * (MOMENTUM * v1[i]! + G[i]! + lambda * p));
    expect(stepOnce("momentum", 2)).toEqual(two);
  });

  it("adam (coupled L2): the decay λθ goes through the adaptive normalisation like any gradient", () => {
    const expected = P.map((p, i) => {
      const g = G[i]! + lambda * p;
      const m = ((1 - ADAM_BETA1) * g) / (1 - ADAM_BETA1);
      const v = ((1 - ADAM_BETA2) * g * g) / (1 - ADAM_BETA2);
      return p - (lr * m) / (Math.sqrt(v) + ADAM_EPS);
    });
    const got = stepOnce("adam");
    for (const [i, v] of got.entries()) expect(v).toBeCloseTo(expected[i]!, 15);
  });

  it("adamw (decoupled): θ ← θ(1 − lr·λ) − lr·m̂/(√v̂ + ε), the decay outside the normalisation", () => {
    const expected = P.map((p, i) => {
      const g = G[i]!;
      return p * (1 - lr * lambda) - (lr * g) / (Math.abs(g) + ADAM_EPS);
    });
    const got = stepOnce("adamw");
    for (const [i, v] of got.entries()) expect(v).toBeCloseTo(expected[i]!, 15);
  });

  it("adamw with λ = 0 is adam, bit for bit; λ = 0 leaves sgd unchanged", () => {
    const base = { model: "mlp", depth: 4, width: 6, seed: 3 };
    const run = (train: object) => {
      const { history, summary, ...rest } = simulate(SimConfigSchema.parse({ ...base, train }), { timing: false });
      return JSON.stringify({ history, summary, stats: "layers" in rest ? rest.layers : null });
    };
    expect(run({ steps: 5, optimizer: "adamw", lr: 0.01 })).toBe(run({ steps: 5, optimizer: "adam", lr: 0.01 }));
    expect(run({ steps: 5, weightDecay: 0 })).toBe(run({ steps: 5 }));
  });

  it("in training: the coupled L2 term is added after clipping (clipping bounds the loss gradient only)", () => {
    const c = SimConfigSchema.parse({ model: "mlp", depth: 3, width: 4, batch: 3 }) as MlpConfig;
    const m = createMlp(c);
    m.lossAndGrad();
    const g = m.grads.map((x) => Float64Array.from(x));
    const norm = globalNorm(g);
    const before = m.params.map((p) => Float64Array.from(p));
    const threshold = 1e-3;
    train(m, trainCfg({ steps: 1, lr, weightDecay: lambda, clip: { mode: "norm", threshold } }), null);
    const f = threshold / norm;
    for (const [k, p] of m.params.entries())
      for (const [i, v] of p.entries()) {
        const w = before[k]![i]!;
        expect(v).toBeCloseTo(w - lr * (f * g[k]![i]! + lambda * w), 14);
      }
  });
});

describe("history: weightNorm", () => {
  it("is the global L2 norm of all parameters before each step's update", () => {
    const c = SimConfigSchema.parse({
      model: "mlp",
      depth: 3,
      width: 5,
      train: { steps: 4, optimizer: "adamw", lr: 0.05, weightDecay: 0.5 },
    });
    const r = simulate(c, { timing: false });
    const m = createMlp(c as MlpConfig);
    expect(r.history[0]!.weightNorm).toBe(globalNorm(m.params));
    const opt = makeOptimizer((c as MlpConfig).train!, m.params);
    for (const h of r.history) {
      expect(h.weightNorm).toBeCloseTo(globalNorm(m.params), 13);
      m.lossAndGrad();
      opt.step(m.params, m.grads, h.lr, m.stepNorms);
    }
  });

  it("decoupled decay with a zero gradient shrinks the norm by exactly (1 − lr·λ) per step", () => {
    const cfg = trainCfg({ optimizer: "adamw", lr: 0.1, weightDecay: 0.5, steps: 3 });
    const ps = [Float64Array.from([1, -2, 2])];
    const opt = makeOptimizer(cfg, ps);
    for (let s = 0; s < 3; s++) opt.step(ps, [new Float64Array(3)], 0.1, new Float64Array(1));
    expect(globalNorm(ps)).toBeCloseTo(3 * 0.95 ** 3, 14);
  });
});

describe("stepNorm: the update the optimizer applied, per layer", () => {
  const lr = 0.05;
  // a sigmoid stack: its first layer's gradient is orders of magnitude below its last layer's
  const base = { model: "mlp", depth: 8, width: 16, batch: 8, activation: "sigmoid", init: "xavier", seed: 1 };
  const initialGrads = () => {
    const m = createMlp(SimConfigSchema.parse(base) as MlpConfig);
    m.lossAndGrad();
    return m.grads.map((g) => Float64Array.from(g));
  };
  const oneStep = (optimizer: TrainConfig["optimizer"]) => {
    const r = simulate(SimConfigSchema.parse({ ...base, train: { steps: 1, optimizer, lr } }), { timing: false });
    if (r.model !== "mlp") throw new Error("mlp expected");
    return r.layers.map((l) => l.stepNorm);
  };

  it("is ‖θ after − θ before‖ of each tensor, for every optimizer (two steps, with weight decay)", () => {
    for (const optimizer of ["sgd", "momentum", "adam", "adamw"] as const) {
      const ps = [Float64Array.from([0.5, -2, 0.1]), Float64Array.from([3])];
      const opt = makeOptimizer(trainCfg({ optimizer, lr: 0.1, weightDecay: 0.3, steps: 3 }), ps);
      const stepNorms = new Float64Array(2);
      for (let s = 0; s < 2; s++) {
        const before = ps.map((p) => Float64Array.from(p));
        opt.step(ps, [Float64Array.from([0.2, 0.4, -1e-3]), Float64Array.from([-0.5 * (s + 1)])], 0.1, stepNorms);
        for (const [k, p] of ps.entries())
          expect(stepNorms[k], `${optimizer} tensor ${k}`).toBeCloseTo(
            Math.hypot(...p.map((v, i) => v - before[k]![i]!)),
            14,
          );
      }
    }
  });

  it("SGD's first step is lr·‖g_l‖: the gradient's profile, vanishing toward the input", () => {
    const g = initialGrads();
    const steps = oneStep("sgd");
    for (const [l, s] of steps.entries()) expect(s / (lr * globalNorm([g[l]!]))).toBeCloseTo(1, 12);
    expect(Math.log10(steps[0]! / steps[7]!)).toBeLessThan(-4);
  });

  it("Adam's first step is lr·‖g/(|g| + ε)‖ ≈ lr·√entries in every layer, whatever ‖g_l‖ is", () => {
    const g = initialGrads();
    const steps = oneStep("adam");
    expect(Math.log10(globalNorm([g[0]!]) / globalNorm([g[7]!]))).toBeLessThan(-4);
    for (const [l, s] of steps.entries()) {
      // bias-corrected first step: m̂ = g, v̂ = g², so Δ = −lr·g/(|g| + ε) element by element
      const expected = lr * Math.hypot(...g[l]!.map((x) => x / (Math.abs(x) + ADAM_EPS)));
      expect(s / expected).toBeCloseTo(1, 12);
      // √(16·16) entries, each |Δ| ≤ lr and ≈ lr unless |g| is near ε (a few of layer 1's are)
      expect(s / (lr * 16)).toBeGreaterThan(0.95);
      expect(s / (lr * 16)).toBeLessThanOrEqual(1);
    }
  });

  it("is 0 without training", () => {
    const r = simulate(SimConfigSchema.parse(base), { timing: false });
    if (r.model !== "mlp") throw new Error("mlp expected");
    expect(r.layers.map((l) => l.stepNorm)).toEqual(new Array(8).fill(0));
  });
});
