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
  // the recurrent inits and the ReLU RNN; the loss on every step
  { model: "rnn", recurrentInit: "orthogonal", spectralRadius: 1.2 },
  { model: "rnn", recurrentInit: "identity", activation: "relu", seed: 12 },
  { model: "rnn", activation: "relu", spectralRadius: 1.3, seed: 13 },
  { model: "rnn", loss: "all" },
  { model: "lstm", loss: "all", inputScale: 2 },
  { model: "gru", loss: "all", inputScale: 2 },
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

/**
 * Truncated BPTT against a hand-unrolled reference: an RNN written out in plain loops, whose
 * truncated loss is L_k(θ) = Σ_windows Σ_{t in window} loss_t, each window run with θ from its
 * start state as the unperturbed forward left it (h detached at the window boundary). Its central
 * differences in θ and in h_t are the gradient truncated BPTT must report.
 */
describe("truncated BPTT (train.truncation)", () => {
  const rnnCase = (over: Record<string, unknown>) =>
    small({ model: "rnn", steps: 7, spectralRadius: 1.1, train: { steps: 1, truncation: 3 }, ...over });

  /** The reference: plain loops over batch, units and inputs, float64. */
  function reference(c: RecurrentConfig, params: Float64Array[], x: Float64Array, y: Float64Array) {
    const { steps: T, batch: B, hidden: H, inputs: I } = c;
    const k = c.train?.truncation ?? T;
    const relu = c.model === "rnn" && c.activation === "relu";
    const all = c.loss === "all";
    const phi = (a: number) => (relu ? Math.max(a, 0) : Math.tanh(a));
    const step = (W: Float64Array[], hPrev: Float64Array, t: number, bump?: { t: number; i: number; d: number }) => {
      const [Wxh, Whh] = W as [Float64Array, Float64Array];
      const h = new Float64Array(B * H);
      for (let b = 0; b < B; b++)
        for (let j = 0; j < H; j++) {
          let a = 0;
          for (let p = 0; p < I; p++) a += Wxh[j * I + p]! * x[((t - 1) * B + b) * I + p]!;
          for (let p = 0; p < H; p++) a += Whh[j * H + p]! * hPrev[b * H + p]!;
          h[b * H + j] = phi(a);
        }
      if (bump && bump.t === t) h[bump.i] = h[bump.i]! + bump.d;
      return h;
    };
    const stepLoss = (h: Float64Array, t: number) => {
      if (!all && t !== T) return 0;
      const off = all ? (t - 1) * B * H : 0;
      let s = 0;
      for (let i = 0; i < B * H; i++) s += (h[i]! - y[off + i]!) ** 2;
      return (0.5 * s) / (all ? B * T : B);
    };
    // the unperturbed states: the detached window starts
    const states = [new Float64Array(B * H)];
    for (let t = 1; t <= T; t++) states.push(step(params, states[t - 1]!, t));
    return (W: Float64Array[], bump?: { t: number; i: number; d: number }) => {
      let loss = 0;
      for (let start = 1; start <= T; start += k) {
        let h = states[start - 1]!;
        for (let t = start; t < start + k && t <= T; t++) {
          h = step(W, h, t, bump);
          loss += stepLoss(h, t);
        }
      }
      return loss;
    };
  }

  it.each([
    [{}],
    [{ loss: "all" }],
    [{ loss: "all", activation: "relu", recurrentInit: "identity", seed: 14 }],
    [{ train: { steps: 1, truncation: 2 }, loss: "all", recurrentInit: "orthogonal" }],
  ])("∂loss/∂params and ∂loss/∂h_t equal the reference's central differences %o", (over) => {
    const c = rnnCase(over);
    const params = recurrentParams(c);
    const seq = drawSequence(c);
    const m = recurrentModel(c, params, seq, true);
    m.lossAndGrad();
    const ref = reference(c, params, seq.x, seq.y);
    const grads = m.grads.map((g) => Float64Array.from(g));
    expect(gradCheck(() => ref(params), params, grads)).toBeLessThan(TOL);
    for (let t = 1; t <= c.steps; t++) {
      const g = (m.hiddenGrads as Float64Array[])[t - 1] as Float64Array;
      let diff = 0;
      let sum = 0;
      for (let i = 0; i < g.length; i++) {
        const fd = (ref(params, { t, i, d: FD_STEP }) - ref(params, { t, i, d: -FD_STEP })) / (2 * FD_STEP);
        diff += (fd - (g[i] as number)) ** 2;
        sum += fd * fd + (g[i] as number) ** 2;
      }
      expect(sum === 0 ? 0 : Math.sqrt(diff / sum), `t = ${t}`).toBeLessThan(TOL);
    }
  });

  it("the reference is the engine's forward: with k ≥ T it is the full loss", () => {
    const c = rnnCase({ train: { steps: 1, truncation: 7 }, loss: "all" });
    const params = recurrentParams(c);
    const seq = drawSequence(c);
    expect(reference(c, params, seq.x, seq.y)(params)).toBeCloseTo(recurrentModel(c, params, seq).forward(), 14);
  });

  it.each(["rnn", "lstm", "gru"] as const)(
    "%s: k ≥ T is full BPTT bit for bit; with the loss on the last step, the last window's gradients are full BPTT's and every earlier step gets exactly 0",
    (model) => {
      const T = 10;
      const k = 4; // windows [1–4], [5–8], [9–10]: the loss at step 10 reaches back to step 9
      const base = { model, steps: T, inputScale: 1.5, seed: 21 };
      const run = (train?: object) => {
        const c = small({ ...base, ...(train ? { train } : {}) });
        const m = recurrentModel(c, recurrentParams(c), drawSequence(c), true);
        m.lossAndGrad();
        return m;
      };
      const full = run();
      const same = run({ steps: 1, truncation: T });
      expect(JSON.stringify(same.grads.map((g) => [...g]))).toBe(JSON.stringify(full.grads.map((g) => [...g])));
      const cut = run({ steps: 1, truncation: k });
      const windowStart = Math.floor((T - 1) / k) * k + 1; // 9
      expect(cut.hiddenGradNorms[windowStart - 1]).toBeGreaterThan(0);
      for (let t = 1; t <= T; t++) {
        const g = [...(cut.hiddenGrads as Float64Array[])[t - 1]!];
        if (t >= windowStart) expect(g).toEqual([...(full.hiddenGrads as Float64Array[])[t - 1]!]);
        else
          expect(
            g.every((v) => v === 0),
            `t = ${t}`,
          ).toBe(true);
      }
    },
  );
});
