/**
 * GRU cell (PyTorch equations, gate order r, z, n; W_ih (3H×I), W_hh (3H×H), b_ih, b_hh (3H)):
 *   [p_r p_z p_n] = x_t W_ihᵀ + b_ih,   [q_r q_z q_n] = h_{t−1} W_hhᵀ + b_hh
 *   r = σ(p_r + q_r),  z = σ(p_z + q_z),  n = tanh(p_n + r ⊙ q_n),  h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}
 * Backward:
 *   δn = δh (1 − z),  δz = δh (h_{t−1} − n),  δa_n = δn (1 − n²),  δa_r = δa_n q_n r(1−r),  δa_z = δz z(1−z)
 *   δp = [δa_r δa_z δa_n],  δq = [δa_r δa_z δa_n ⊙ r]
 *   δW_ih += δpᵀ x_t,  δb_ih += Σδp,  δW_hh += δqᵀ h_{t−1},  δb_hh += Σδq,  δh_{t−1} = δh ⊙ z + δq W_hh
 * Init (PyTorch default): weights U(−1/√H, 1/√H), biases 0 (b_ih and b_hh differ in the n gate, so both are kept).
 */

import { sigmoid } from "./activations";
import { matmul, matmulAt, matmulBt } from "./kernels/gemm";
import type { NumericContext } from "./precision";
import { addRow, colSums, Recurrent, type Sequence } from "./recurrent";
import { Rng, STREAM } from "./rng";
import type { GruConfig } from "./schema";

/** The GRU's parameters: W_ih (3H×I), W_hh (3H×H), b_ih, b_hh (3H), gate order r, z, n. */
export type GruParams = [Wih: Float64Array, Whh: Float64Array, bih: Float64Array, bhh: Float64Array];

export function gruInit(c: GruConfig): GruParams {
  const rng = new Rng(c.seed, STREAM.weights);
  const H = c.hidden;
  const k = 1 / Math.sqrt(H);
  const Wih = rng.fillUniform(new Float64Array(3 * H * c.inputs), -k, k);
  const Whh = rng.fillUniform(new Float64Array(3 * H * H), -k, k);
  return [Wih, Whh, new Float64Array(3 * H), new Float64Array(3 * H)];
}

export class Gru extends Recurrent<GruParams> {
  readonly kind = "gru";
  private readonly gates: Float64Array[]; // gates[t − 1]: B×3H activated [r z n]
  private readonly qn: Float64Array[]; // qn[t − 1]: B×H, the h-side n pre-activation h W_hnᵀ + b_hn
  private readonly P: Float64Array; // scratch B×3H
  private readonly Q: Float64Array; // scratch B×3H
  private readonly dP: Float64Array;
  private readonly dQ: Float64Array;

  constructor(dims: GruConfig, params: GruParams, seq: Sequence, ctx: NumericContext, keepHiddenGrads = false) {
    super(dims, params, seq, ctx, keepHiddenGrads);
    const bh = this.B * this.H;
    this.gates = Array.from({ length: this.T }, () => new Float64Array(3 * bh));
    this.qn = Array.from({ length: this.T }, () => new Float64Array(bh));
    this.P = new Float64Array(3 * bh);
    this.Q = new Float64Array(3 * bh);
    this.dP = new Float64Array(3 * bh);
    this.dQ = new Float64Array(3 * bh);
  }

  protected stepForward(t: number): void {
    const { B, H, I, q, P, Q } = this;
    const [Wih, Whh, bih, bhh] = this.computeParams;
    const hPrev = this.hs[t - 1]!;
    matmulBt(this.xs[t - 1]!, Wih, P, B, 3 * H, I);
    addRow(P, bih, B, 3 * H);
    matmulBt(hPrev, Whh, Q, B, 3 * H, H);
    addRow(Q, bhh, B, 3 * H);
    if (q) {
      q.roundArray(P);
      q.roundArray(Q);
    }
    const G = this.gates[t - 1]!;
    const qn = this.qn[t - 1]!;
    const h = this.hs[t]!;
    for (let b = 0; b < B; b++) {
      const o3 = b * 3 * H;
      const o1 = b * H;
      for (let j = 0; j < H; j++) {
        const r = sigmoid(P[o3 + j]! + Q[o3 + j]!);
        const z = sigmoid(P[o3 + H + j]! + Q[o3 + H + j]!);
        const qnv = Q[o3 + 2 * H + j]!;
        G[o3 + j] = r;
        G[o3 + H + j] = z;
        qn[o1 + j] = qnv;
      }
    }
    if (q) q.roundArray(G);
    for (let b = 0; b < B; b++) {
      const o3 = b * 3 * H;
      const o1 = b * H;
      for (let j = 0; j < H; j++) {
        const r = G[o3 + j]!;
        G[o3 + 2 * H + j] = Math.tanh(P[o3 + 2 * H + j]! + r * qn[o1 + j]!);
      }
    }
    if (q) q.roundArray(G);
    for (let b = 0; b < B; b++) {
      const o3 = b * 3 * H;
      const o1 = b * H;
      for (let j = 0; j < H; j++) {
        const z = G[o3 + H + j]!;
        h[o1 + j] = (1 - z) * G[o3 + 2 * H + j]! + z * hPrev[o1 + j]!;
      }
    }
    if (q) q.roundArray(h);
  }

  protected beginBackward(): void {}

  protected stepBackward(t: number, dh: Float64Array, dhPrev: Float64Array): void {
    const { B, H, I, q, dP, dQ } = this;
    const G = this.gates[t - 1]!;
    const qn = this.qn[t - 1]!;
    const hPrev = this.hs[t - 1]!;
    for (let b = 0; b < B; b++) {
      const o3 = b * 3 * H;
      const o1 = b * H;
      for (let j = 0; j < H; j++) {
        const r = G[o3 + j]!;
        const z = G[o3 + H + j]!;
        const n = G[o3 + 2 * H + j]!;
        const d = dh[o1 + j]!;
        const dan = d * (1 - z) * (1 - n * n);
        const dar = dan * qn[o1 + j]! * r * (1 - r);
        const daz = d * (hPrev[o1 + j]! - n) * z * (1 - z);
        dP[o3 + j] = dar;
        dP[o3 + H + j] = daz;
        dP[o3 + 2 * H + j] = dan;
        dQ[o3 + j] = dar;
        dQ[o3 + H + j] = daz;
        dQ[o3 + 2 * H + j] = dan * r;
      }
    }
    if (q) {
      q.roundArray(dP);
      q.roundArray(dQ);
    }
    const [gih, ghh, gbih, gbhh] = this.stepGrads;
    matmulAt(dP, this.xs[t - 1]!, gih, 3 * H, I, B);
    matmulAt(dQ, hPrev, ghh, 3 * H, H, B);
    colSums(dP, B, 3 * H, gbih);
    colSums(dQ, B, 3 * H, gbhh);
    if (t > 1) {
      matmul(dQ, this.computeParams[1], dhPrev, B, H, 3 * H); // δh_{t−1} = δq W_hh (+ δh ⊙ z below)
      for (let b = 0; b < B; b++) {
        const o3 = b * 3 * H;
        const o1 = b * H;
        for (let j = 0; j < H; j++) dhPrev[o1 + j] = dhPrev[o1 + j]! + dh[o1 + j]! * G[o3 + H + j]!;
      }
      if (q) q.roundArray(dhPrev);
    }
  }
}
