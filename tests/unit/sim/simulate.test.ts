/** simulate(): result shape, determinism, divergence as data, clipping. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createMlp } from "../../../lib/sim/build";
import {
  estimateFlops,
  parseSimConfig,
  type SimConfig,
  SimConfigSchema,
  type SimResult,
  simulate,
} from "../../../lib/sim/index";
import type { MlpConfig } from "../../../lib/sim/schema";
import { clipGradients, globalNorm, train } from "../../../lib/sim/train";

const cfg = (input: unknown): SimConfig => SimConfigSchema.parse(input);
const json = (r: SimResult) => JSON.stringify(r);
const noTiming = (r: SimResult) => JSON.stringify({ ...r, meta: { ...r.meta, elapsedMs: undefined } });

describe("result shape", () => {
  it("MLP: one entry per layer, histogram over batch × width, summary from layer 1 and the last", () => {
    const c = cfg({ model: "mlp", depth: 6, width: 8, batch: 5, activation: "relu", init: "he" });
    const r = simulate(c);
    if (r.model !== "mlp") throw new Error("model");
    expect(r.layers.map((l) => l.layer)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const l of r.layers) {
      expect(l.histogram.counts).toHaveLength(30);
      expect(l.histogram.counts.reduce((a, b) => a + b, 0)).toBe(40);
      expect(l.saturation).toBeGreaterThanOrEqual(0);
      expect(l.updateRatio).toBeGreaterThan(0);
    }
    const first = r.layers[0]!;
    const last = r.layers[5]!;
    expect(r.summary.gradRatio).toBe(first.activationGradNorm / last.activationGradNorm);
    expect(r.summary.weightGradRatio).toBe(first.weightGradNorm / last.weightGradNorm);
    expect(r.summary.log10GradRatio).toBeCloseTo(Math.log10(r.summary.gradRatio), 12);
    expect(r.history).toEqual([]);
    expect(r.meta.config).toEqual(c);
    expect(r.meta.flops).toBe(estimateFlops(c));
    expect(r.meta.engineVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(r.meta.elapsedMs).toBeGreaterThan(0);
  });

  it("Transformer: one entry per block, histogram over batch × seqLen × dModel, summary from block 1 and the last, one entry per position", () => {
    const c = cfg({ model: "transformer", depth: 3, dModel: 8, heads: 2, seqLen: 5, batch: 2, norm: "post" });
    const r = simulate(c);
    if (r.model !== "transformer") throw new Error("model");
    expect(r.layers.map((l) => l.layer)).toEqual([1, 2, 3]);
    for (const l of r.layers) {
      expect(l.histogram.counts).toHaveLength(30);
      expect(l.histogram.counts.reduce((a, b) => a + b, 0)).toBe(2 * 5 * 8);
      expect(l.histogram.min).toBeLessThan(l.histogram.max);
      expect(l.positionGradNorms).toHaveLength(5);
    }
    const first = r.layers[0]!;
    const last = r.layers[2]!;
    expect(r.summary.gradRatio).toBe(first.activationGradNorm / last.activationGradNorm);
    expect(r.summary.weightGradRatio).toBe(first.weightGradNorm / last.weightGradNorm);
    expect(r.positions.map((p) => p.t)).toEqual([1, 2, 3, 4, 5]);
    expect(r.positions.every((p) => p.inputGradNorm > 0)).toBe(true);
    expect(r.meta.flops).toBe(estimateFlops(c));
  });

  it("recurrent: one entry per time step; cellGradNorm for the LSTM only", () => {
    for (const model of ["rnn", "lstm", "gru"] as const) {
      const r = simulate(cfg({ model, steps: 7, hidden: 5, inputs: 3, batch: 4 }));
      if (r.model === "mlp" || r.model === "transformer") throw new Error("model");
      expect(r.timesteps.map((s) => s.t)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(r.timesteps.every((s) => (model === "lstm") === (s.cellGradNorm !== undefined))).toBe(true);
      expect(r.summary.gradRatio).toBe(r.timesteps[0]!.hiddenGradNorm / r.timesteps[6]!.hiddenGradNorm);
    }
  });

  it("history: one entry per step, 1-based, gradNorm before and after clipping", () => {
    const r = simulate(
      cfg({ model: "mlp", depth: 3, width: 6, train: { steps: 4, clip: { mode: "norm", threshold: 0.1 } } }),
    );
    expect(r.history.map((h) => h.step)).toEqual([1, 2, 3, 4]);
    for (const h of r.history) {
      expect(h.clippedGradNorm).toBeCloseTo(Math.min(h.gradNorm, 0.1), 12);
      expect(h.nonFinite).toBe(false);
    }
  });
});

describe("determinism", () => {
  const configs = [
    { model: "mlp", depth: 5, width: 8, norm: "batch", activation: "gelu", train: { steps: 3, optimizer: "adam" } },
    { model: "lstm", steps: 6, hidden: 4, precision: "fp16", lossScale: 1024 },
    { model: "rnn", steps: 6, hidden: 4, spectralRadius: 1.3 },
  ];
  it.each(configs)("same config → byte-identical JSON %o", (input) => {
    const c = cfg(input);
    expect(json(simulate(c, { timing: false }))).toBe(json(simulate(c, { timing: false })));
    expect(noTiming(simulate(c))).toBe(noTiming(simulate(c)));
    expect(simulate(c, { timing: false }).meta.elapsedMs).toBe(0);
  });
  it.each(configs)("different seed → different draw %o", (input) => {
    const a = simulate(cfg({ ...input, seed: 1 }), { timing: false });
    const b = simulate(cfg({ ...input, seed: 2 }), { timing: false });
    expect(a.summary.loss).not.toBe(b.summary.loss);
  });

  const arbConfig = fc.oneof(
    fc.record({
      model: fc.constant("mlp"),
      depth: fc.integer({ min: 1, max: 8 }),
      width: fc.integer({ min: 1, max: 8 }),
      batch: fc.integer({ min: 2, max: 6 }),
      activation: fc.constantFrom("sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "selu", "linear"),
      init: fc.constantFrom("normal", "uniform", "xavier", "he", "lecun", "orthogonal"),
      norm: fc.constantFrom("none", "batch", "layer"),
      residual: fc.boolean(),
      seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      precision: fc.constantFrom("fp64", "fp32", "fp16"),
      train: fc.option(
        fc.record({
          steps: fc.integer({ min: 1, max: 4 }),
          optimizer: fc.constantFrom("sgd", "momentum", "adam"),
          lr: fc.constantFrom(0.01, 1, 100),
        }),
        { nil: undefined },
      ),
    }),
    fc.record({
      model: fc.constantFrom("rnn", "lstm", "gru"),
      steps: fc.integer({ min: 1, max: 8 }),
      hidden: fc.integer({ min: 1, max: 6 }),
      inputs: fc.integer({ min: 1, max: 4 }),
      batch: fc.integer({ min: 1, max: 4 }),
      inputScale: fc.double({ min: 0, max: 10, noNaN: true }),
      seed: fc.integer({ min: 0, max: 1000 }),
      precision: fc.constantFrom("fp64", "fp16"),
    }),
    // the Transformer, the RNN's new knobs and the training additions
    fc.record({
      model: fc.constant("transformer"),
      depth: fc.integer({ min: 1, max: 4 }),
      dModel: fc.constantFrom(8, 12, 16),
      heads: fc.constantFrom(1, 2, 4),
      seqLen: fc.integer({ min: 2, max: 6 }),
      batch: fc.integer({ min: 1, max: 3 }),
      ffnMult: fc.integer({ min: 1, max: 4 }),
      ffnActivation: fc.constantFrom("relu", "gelu"),
      norm: fc.constantFrom("pre", "post", "none"),
      attentionScale: fc.constantFrom("sqrt", "none"),
      causal: fc.boolean(),
      init: fc.constantFrom("xavier", "small"),
      seed: fc.integer({ min: 0, max: 1000 }),
      precision: fc.constantFrom("fp64", "fp32", "fp16"),
      train: fc.option(
        fc.record({
          steps: fc.integer({ min: 1, max: 3 }),
          optimizer: fc.constantFrom("sgd", "adam", "adamw"),
          lr: fc.constantFrom(0.01, 1, 100),
          weightDecay: fc.constantFrom(0, 0.1, 5),
          schedule: fc.record({ kind: fc.constantFrom("linear-warmup", "warmup-cosine"), warmupSteps: fc.constant(1) }),
        }),
        { nil: undefined },
      ),
    }),
    fc.record({
      model: fc.constant("rnn"),
      steps: fc.integer({ min: 1, max: 8 }),
      hidden: fc.integer({ min: 1, max: 6 }),
      spectralRadius: fc.double({ min: 0, max: 3, noNaN: true }),
      recurrentInit: fc.constantFrom("gaussian", "orthogonal", "identity"),
      activation: fc.constantFrom("tanh", "relu"),
      loss: fc.constantFrom("last", "all"),
      seed: fc.integer({ min: 0, max: 1000 }),
      train: fc.record({ steps: fc.integer({ min: 1, max: 3 }), truncation: fc.integer({ min: 1, max: 4 }) }),
    }),
  );

  it("any valid small config: runs without throwing, same bytes twice, nonFinite consistent with the numbers (property)", () => {
    fc.assert(
      fc.property(arbConfig, (input) => {
        const clean = JSON.parse(JSON.stringify(input));
        const p = parseSimConfig(clean);
        if (!p.ok) return true;
        const a = simulate(p.config, { timing: false });
        expect(json(simulate(p.config, { timing: false }))).toBe(json(a));
        const grads =
          a.model === "mlp" || a.model === "transformer"
            ? a.layers.flatMap((l) => [l.activationGradNorm, l.weightGradNorm])
            : a.timesteps.map((t) => t.hiddenGradNorm);
        if (!a.summary.nonFinite) {
          expect(grads.every(Number.isFinite)).toBe(true);
          expect(a.summary.verdict === "exploding" ? a.summary.gradRatio > 100 : true).toBe(true);
        } else expect(a.summary.verdict).toBe("exploding");
        return true;
      }),
      { numRuns: 150 },
    );
  });
});

describe("clipping", () => {
  const arbGrads = fc.array(
    fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 12 }),
    { minLength: 1, maxLength: 4 },
  );

  it("by norm: ||g'|| = min(||g||, threshold), direction kept (property)", () => {
    fc.assert(
      fc.property(arbGrads, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (arrays, threshold) => {
        const g = arrays.map((a) => Float64Array.from(a));
        const before = globalNorm(g);
        const orig = g.map((x) => Float64Array.from(x));
        const after = clipGradients(g, "norm", threshold);
        expect(after).toBeCloseTo(Math.min(before, threshold), 9);
        if (before > 1e-150) {
          let cos = 0; // of the unit vectors (no underflow for tiny gradients)
          for (const [k, o] of orig.entries())
            for (const [i, v] of o.entries()) cos += (v / before) * ((g[k]?.[i] as number) / after);
          expect(cos).toBeCloseTo(1, 12); // same direction
        }
        return true;
      }),
    );
  });

  it("by value: every component clamped to [−threshold, threshold] (property)", () => {
    fc.assert(
      fc.property(arbGrads, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (arrays, threshold) => {
        const g = arrays.map((a) => Float64Array.from(a));
        clipGradients(g, "value", threshold);
        for (const [k, x] of g.entries())
          for (const [i, v] of x.entries())
            expect(v).toBe(Math.max(-threshold, Math.min(threshold, arrays[k]?.[i] as number)));
        return true;
      }),
    );
  });

  it("in training: the SGD update equals −lr·g·min(1, threshold/||g||) for the true gradient g", () => {
    const c = cfg({ model: "mlp", depth: 3, width: 4, batch: 3, activation: "tanh" }) as MlpConfig;
    const lr = 0.5;
    for (const threshold of [1e-3, 1e3]) {
      const m = createMlp(c);
      m.lossAndGrad();
      const g = m.grads.map((x) => Float64Array.from(x)); // FD-verified in mlp-gradcheck
      const norm = globalNorm(g);
      const before = m.params.map((p) => Float64Array.from(p));
      const schedule = { kind: "constant", warmupSteps: 0 } as const;
      train(m, { steps: 1, optimizer: "sgd", lr, schedule, weightDecay: 0, clip: { mode: "norm", threshold } }, null);
      const f = Math.min(1, threshold / norm);
      for (const [k, p] of m.params.entries())
        for (const [i, v] of p.entries())
          expect(v).toBeCloseTo((before[k]?.[i] as number) - lr * f * (g[k]?.[i] as number), 14);
    }
  });
});

describe("divergence is a result, never an exception", () => {
  it("a huge learning rate gives nonFinite history and verdict, no throw", () => {
    const r = simulate(
      cfg({ model: "mlp", depth: 6, width: 16, activation: "relu", init: "he", train: { steps: 100, lr: 50 } }),
    );
    const last = r.history[r.history.length - 1]!;
    expect(last.nonFinite).toBe(true);
    expect(r.history.length).toBeLessThan(100); // training stops at the first non-finite step
    expect(r.summary.nonFinite).toBe(true);
    expect(r.summary.verdict).toBe("exploding");
    expect(() => JSON.stringify(r)).not.toThrow();
  });
});
