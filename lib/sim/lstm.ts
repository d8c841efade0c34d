/**
 * LSTM cell (PyTorch equations, gate order i, f, g, o in W_ih (4H×I), W_hh (4H×H), bias b (4H)):
 *   [a_i a_f a_g a_o] = x_t W_ihᵀ + h_{t−1} W_hhᵀ + b
 *   i = σ(a_i), f = σ(a_f), g = tanh(a_g), o = σ(a_o)
 *   c_t = f ⊙ c_{t−1} + i ⊙ g,   h_t = o ⊙ tanh(c_t)
 * Backward (δc_t arrives from step t+1 as δc_{t+1} ⊙ f_{t+1}):
 *   δc_t  = δc_t + δh_t ⊙ o ⊙ (1 − tanh²c_t)               (total ∂loss/∂c_t, reported)
 *   δa_i = δc_t g i(1−i),  δa_f = δc_t c_{t−1} f(1−f),  δa_g = δc_t i (1−g²),  δa_o = δh_t tanh(c_t) o(1−o)
 *   δW_ih += δaᵀ x_t,  δW_hh += δaᵀ h_{t−1},  δb += Σ_batch δa,  δh_{t−1} = δa W_hh,  δc_{t−1} = δc_t ⊙ f
 * Init (PyTorch default): every weight U(−1/√H, 1/√H); biases 0 except the forget gate = forgetBias.
 * (PyTorch has two bias vectors b_ih + b_hh; for the LSTM only their sum matters, kept as one b.)
 */

import { sigmoid } from "./activations";
import { addMatmulBt, matmul, matmulAt, matmulBt } from "./kernels/gemm";
import type { NumericContext } from "./precision";
import { addRow, colSums, Recurrent, type Sequence } from "./recurrent";
import { Rng, STREAM } from "./rng";
import type { LstmConfig } from "./schema";

/** The LSTM's parameters: W_ih (4H×I), W_hh (4H×H), b (4H), gate order i, f, g, o. */
export type LstmParams = [Wih: Float64Array, Whh: Float64Array, b: Float64Array];

export function lstmInit(c: LstmConfig): LstmParams {
  const rng = new Rng(c.seed, STREAM.weights);
  const H = c.hidden;
  const k = 1 / Math.sqrt(H);
  const Wih = rng.fillUniform(new Float64Array(4 * H * c.inputs), -k, k);
  const Whh = rng.fillUniform(new Float64Array(4 * H * H), -k, k);
  const b = new Float64Array(4 * H);
  b.fill(c.forgetBias, H, 2 * H);
  return [Wih, Whh, b];
}

export class Lstm extends Recurrent<LstmParams> {
  readonly kind = "lstm";
  override readonly cellGradNorms: Float64Array;
  private readonly gates: Float64Array[]; // gates[t − 1]: B×4H activated [i f g o]
  private readonly cs: Float64Array[]; // cs[t] = c_t, cs[0] = 0
  private readonly tcs: Float64Array[]; // tcs[t − 1] = tanh(c_t)
  private readonly dc: Float64Array;
  private readonly dA: Float64Array;
  /** adds delta to c_t[index] during forward: lets tests take finite differences in c_t */
  cellPerturbation: { t: number; index: number; delta: number } | null = null;
  /** optional copies of ∂loss/∂c_t (index t − 1), for tests */
  readonly cellGrads: Float64Array[] | null;

  constructor(dims: LstmConfig, params: LstmParams, seq: Sequence, ctx: NumericContext, keepHiddenGrads = false) {
    super(dims, params, seq, ctx, keepHiddenGrads);
    const bh = this.B * this.H;
    this.cellGradNorms = new Float64Array(this.T);
    this.gates = Array.from({ length: this.T }, () => new Float64Array(4 * bh));
    this.cs = Array.from({ length: this.T + 1 }, () => new Float64Array(bh));
    this.tcs = Array.from({ length: this.T }, () => new Float64Array(bh));
    this.dc = new Float64Array(bh);
    this.dA = new Float64Array(4 * bh);
    this.cellGrads = keepHiddenGrads ? Array.from({ length: this.T }, () => new Float64Array(bh)) : null;
  }

  protected stepForward(t: number): void {
    const { B, H, I, q } = this;
    const [Wih, Whh, b] = this.computeParams;
    const G = this.gates[t - 1]!;
    matmulBt(this.xs[t - 1]!, Wih, G, B, 4 * H, I);
    addMatmulBt(this.hs[t - 1]!, Whh, G, B, 4 * H, H);
    addRow(G, b, B, 4 * H);
    if (q) q.roundArray(G);
    const cPrev = this.cs[t - 1]!;
    const c = this.cs[t]!;
    const tc = this.tcs[t - 1]!;
    const h = this.hs[t]!;
    for (let bb = 0; bb < B; bb++) {
      const o4 = bb * 4 * H;
      for (let j = 0; j < H; j++) {
        G[o4 + j] = sigmoid(G[o4 + j]!);
        G[o4 + H + j] = sigmoid(G[o4 + H + j]!);
        G[o4 + 2 * H + j] = Math.tanh(G[o4 + 2 * H + j]!);
        G[o4 + 3 * H + j] = sigmoid(G[o4 + 3 * H + j]!);
      }
    }
    if (q) q.roundArray(G);
    for (let bb = 0; bb < B; bb++) {
      const o4 = bb * 4 * H;
      const o1 = bb * H;
      for (let j = 0; j < H; j++) {
        c[o1 + j] = G[o4 + H + j]! * cPrev[o1 + j]! + G[o4 + j]! * G[o4 + 2 * H + j]!;
      }
    }
    if (q) q.roundArray(c);
    const p = this.cellPerturbation;
    if (p && p.t === t) c[p.index] = c[p.index]! + p.delta;
    for (let i = 0; i < c.length; i++) tc[i] = Math.tanh(c[i]!);
    if (q) q.roundArray(tc);
    for (let bb = 0; bb < B; bb++) {
      const o4 = bb * 4 * H;
      const o1 = bb * H;
      for (let j = 0; j < H; j++) h[o1 + j] = G[o4 + 3 * H + j]! * tc[o1 + j]!;
    }
    if (q) q.roundArray(h);
  }

  protected beginBackward(): void {
    this.dc.fill(0);
  }

  protected stepBackward(t: number, dh: Float64Array, dhPrev: Float64Array): void {
    const { B, H, I, q, dc, dA } = this;
    const G = this.gates[t - 1]!;
    const tc = this.tcs[t - 1]!;
    const cPrev = this.cs[t - 1]!;
    for (let bb = 0; bb < B; bb++) {
      const o1 = bb * H;
      const o4 = bb * 4 * H;
      for (let j = 0; j < H; j++) {
        const o = G[o4 + 3 * H + j]!;
        const tcv = tc[o1 + j]!;
        dc[o1 + j] = dc[o1 + j]! + dh[o1 + j]! * o * (1 - tcv * tcv);
      }
    }
    if (q) q.roundArray(dc);
    this.recordGradient(dc, this.cellGradNorms, this.cellGrads, t - 1); // ‖∂loss/∂c_t‖, total
    for (let bb = 0; bb < B; bb++) {
      const o1 = bb * H;
      const o4 = bb * 4 * H;
      for (let j = 0; j < H; j++) {
        const i = G[o4 + j]!;
        const f = G[o4 + H + j]!;
        const g = G[o4 + 2 * H + j]!;
        const o = G[o4 + 3 * H + j]!;
        const dcv = dc[o1 + j]!;
        dA[o4 + j] = dcv * g * i * (1 - i);
        dA[o4 + H + j] = dcv * cPrev[o1 + j]! * f * (1 - f);
        dA[o4 + 2 * H + j] = dcv * i * (1 - g * g);
        dA[o4 + 3 * H + j] = dh[o1 + j]! * tc[o1 + j]! * o * (1 - o);
        dc[o1 + j] = dcv * f; // becomes δc_{t−1}'s contribution through c_t
      }
    }
    if (q) {
      q.roundArray(dA);
      q.roundArray(dc);
    }
    const [gih, ghh, gb] = this.stepGrads;
    matmulAt(dA, this.xs[t - 1]!, gih, 4 * H, I, B);
    matmulAt(dA, this.hs[t - 1]!, ghh, 4 * H, H, B);
    colSums(dA, B, 4 * H, gb);
    if (t > 1) {
      matmul(dA, this.computeParams[1], dhPrev, B, H, 4 * H); // δh_{t−1} = δa W_hh
      if (q) q.roundArray(dhPrev);
    }
  }
}
