/**
 * Claims of the bank that a scenario's `expect` cannot state, checked on the scenario's own
 * config with the engine's model classes.
 */
import { describe, expect, it } from "vitest";
import { readQuestionBank } from "../../../lib/content/load";
import { parseSimConfig } from "../../../lib/sim";
import { drawBatch, mlpParams } from "../../../lib/sim/build";
import { Mlp } from "../../../lib/sim/mlp";
import type { MlpConfig } from "../../../lib/sim/schema";

const question = (slug: string) => {
  const q = readQuestionBank().questions.find((l) => l.question.slug === slug)?.question;
  if (!q) throw new Error(`no question ${slug}`);
  return q;
};

const mlpConfig = (raw: unknown): MlpConfig => {
  const p = parseSimConfig(raw);
  if (!p.ok || p.config.model !== "mlp") throw new Error("not a valid MLP config");
  return p.config;
};

const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));

describe("does-adam-fix-vanishing-gradients: mini-batch noise passes through the same Jacobians", () => {
  // The sigmoid stack of the scenario that shows Adam equalising the step, at its initialisation.
  const scenario = question("does-adam-fix-vanishing-gradients").scenarios.find(
    (s) => s.key === "adam-equalises-the-step",
  );
  const c = mlpConfig(scenario?.problem.config);
  const { batch: B, width: N, depth: D } = c;
  const W = mlpParams(c);
  const data = drawBatch(c);
  const full = new Mlp(
    c,
    W.map((w) => Float64Array.from(w)),
    data,
  );
  full.lossAndGrad();
  // per-example gradients: the same weights, one example each (the loss's ½·(1/B)·Σ_b makes their mean the batch gradient)
  const perExample = Array.from({ length: B }, (_, b) => {
    const m = new Mlp(
      { ...c, batch: 1 },
      W.map((w) => Float64Array.from(w)),
      {
        x: data.x.slice(b * N, (b + 1) * N),
        y: data.y.slice(b * N, (b + 1) * N),
      },
    );
    m.lossAndGrad();
    return m.grads.map((g) => Float64Array.from(g));
  });
  /** the spread of the per-example gradients around their mean, relative to the mean: noise / signal */
  const noiseToSignal = (l: number) => {
    const G = full.grads[l - 1]!;
    let spread = 0;
    for (const g of perExample) for (let i = 0; i < G.length; i++) spread += (g[l - 1]![i]! - G[i]!) ** 2 / B;
    return Math.sqrt(spread) / norm(G);
  };

  it("the per-example gradients average to the batch gradient (so their spread is the batch's noise)", () => {
    for (let l = 1; l <= D; l++) {
      const G = full.grads[l - 1]!;
      const mean = G.map((_, i) => perExample.reduce((s, g) => s + g[l - 1]![i]!, 0) / B);
      for (let i = 0; i < G.length; i++) expect(mean[i]!).toBeCloseTo(G[i]!, 15);
    }
  });

  it("the gradient vanishes toward the input by orders of magnitude, its noise-to-signal ratio by less than 3×", () => {
    const gradientRatio = norm(full.grads[0]!) / norm(full.grads[D - 1]!);
    expect(Math.log10(gradientRatio)).toBeLessThan(-4);
    const first = noiseToSignal(1);
    const last = noiseToSignal(D);
    expect(first / last).toBeGreaterThan(1 / 3);
    expect(first / last).toBeLessThan(3);
    // the numbers the answer quotes (layer 1's spread 2.6× its mean, layer 8's 1.7×)
    expect(first).toBeCloseTo(2.6, 1);
    expect(last).toBeCloseTo(1.7, 1);
  });
});
