/** Finite-difference checks of backprop through time (float64, central differences, h = 1e-5). */
import { describe, expect, it } from "vitest";
import { drawSequence, recurrentModel, recurrentParams } from "../../../lib/sim/build";
import type { Lstm } from "../../../lib/sim/lstm";
import { type RecurrentConfig, SimConfigSchema } from "../../../lib/sim/schema";
import { FD_STEP, gradCheck } from "./helpers";

const TOL = 1e-6;

function small(over: Record<string, unknown>): RecurrentConfig {
  return SimConfigSchema.parse({ steps: 5, hidden: 4, inputs: 3, batch: 3, seed: 11, ...over }) as RecurrentConfig;
}

const cases: Record<string, unknown>[] = [
  { model: "rnn" },
  { model: "rnn", spectralRadius: 1.5, inputScale: 2 },
  { model: "lstm" },
  { model: "lstm", forgetBias: -1, inputScale: 3 },
  { model: "gru" },
  { model: "gru", inputScale: 3 },
];

describe("recurrent gradient check", () => {
  it.each(cases)("∂loss/∂params %o", (over) => {
    const c = small(over);
    const params = recurrentParams(c);
    // PyTorch-style biases start at 0 (LSTM: except the forget gate); randomise them so their gradients are tested non-trivially
    for (const [k, b] of params.slice(2).entries()) for (let i = 0; i < b.length; i++) b[i] = 0.3 * Math.sin(7 * i + k);
    const m = recurrentModel(c, params, drawSequence(c));
    m.lossAndGrad();
    const grads = m.grads.map((g) => Float64Array.from(g));
    expect(gradCheck(() => m.forward(), params, grads)).toBeLessThan(TOL);
  });

  it.each(cases)("∂loss/∂h_t (hiddenGradNorm) %o", (over) => {
    const c = small(over);
    const params = recurrentParams(c);
    const seq = drawSequence(c);
    const m = recurrentModel(c, params, seq, true);
    m.lossAndGrad();
    const probe = recurrentModel(c, params, seq);
    for (let t = 1; t <= c.steps; t++) {
      const g = (m.hiddenGrads as Float64Array[])[t - 1] as Float64Array;
      let diff = 0;
      let sum = 0;
      for (let i = 0; i < g.length; i++) {
        probe.perturbation = { t, index: i, delta: FD_STEP };
        const up = probe.forward();
        probe.perturbation = { t, index: i, delta: -FD_STEP };
        const down = probe.forward();
        const fd = (up - down) / (2 * FD_STEP);
        diff += (fd - (g[i] as number)) ** 2;
        sum += fd * fd + (g[i] as number) ** 2;
      }
      expect(Math.sqrt(diff / sum)).toBeLessThan(TOL);
      expect(m.hiddenGradNorms[t - 1]).toBeCloseTo(Math.sqrt(g.reduce((s, v) => s + v * v, 0)), 12);
    }
  });

  it.each([{ model: "lstm" }, { model: "lstm", forgetBias: 2, inputScale: 2 }])(
    "∂loss/∂c_t (cellGradNorm) %o",
    (over) => {
      const c = small(over);
      const params = recurrentParams(c);
      const seq = drawSequence(c);
      const m = recurrentModel(c, params, seq, true) as Lstm;
      m.lossAndGrad();
      const probe = recurrentModel(c, params, seq) as Lstm;
      for (let t = 1; t <= c.steps; t++) {
        const g = (m.cellGrads as Float64Array[])[t - 1] as Float64Array;
        let diff = 0;
        let sum = 0;
        for (let i = 0; i < g.length; i++) {
          probe.cellPerturbation = { t, index: i, delta: FD_STEP };
          const up = probe.forward();
          probe.cellPerturbation = { t, index: i, delta: -FD_STEP };
          const down = probe.forward();
          const fd = (up - down) / (2 * FD_STEP);
          diff += (fd - (g[i] as number)) ** 2;
          sum += fd * fd + (g[i] as number) ** 2;
        }
        expect(Math.sqrt(diff / sum)).toBeLessThan(TOL);
        expect(m.cellGradNorms[t - 1]).toBeCloseTo(Math.sqrt(g.reduce((s, v) => s + v * v, 0)), 12);
      }
    },
  );
});
