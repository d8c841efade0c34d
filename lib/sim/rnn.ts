/**
 * Vanilla RNN (no bias):  a_t = x_t W_xhᵀ + h_{t−1} W_hhᵀ,  h_t = φ(a_t),  φ = tanh or relu
 * Backward:  δa_t = δh_t ⊙ φ′(a_t)  (tanh: 1 − h_t²; relu: [h_t > 0]);
 *            δW_xh += δa_tᵀ x_t;  δW_hh += δa_tᵀ h_{t−1};  δh_{t−1} = δa_t W_hh
 * Init: W_xh ~ N(0, inputScale²/inputs) (input current of std inputScale per unit);
 *       W_hh = ρ·M/ρ(M) with ρ = spectralRadius and M by recurrentInit:
 *         gaussian    M = G, G ~ N(0, 1)     (W_hh's singular values spread over ≈ [0, 2ρ], the quarter-circle law)
 *         orthogonal  M = Q of QR(G), sign-fixed (Saxe et al. 2014): every eigenvalue and singular value of Q is 1 in modulus
 *         identity    M = I (Le, Jaitly & Hinton 2015, the IRNN)
 *       so W_hh's spectral radius is exactly ρ (for orthogonal and identity ρ·M directly).
 */
import { addMatmulBt, matmul, matmulAt, matmulBt } from "./kernels/gemm";
import { spectralRadius } from "./linalg";
import type { NumericContext } from "./precision";
import { orthogonalFromQr } from "./qr";
import { Recurrent, type Sequence } from "./recurrent";
import { Rng, STREAM } from "./rng";
import type { RnnConfig } from "./schema";

/** The RNN's parameters: W_xh (H×I), W_hh (H×H). */
export type RnnParams = [Wxh: Float64Array, Whh: Float64Array];

export function rnnInit(c: RnnConfig): RnnParams {
  const rng = new Rng(c.seed, STREAM.weights);
  const n = c.hidden;
  const Wxh = rng.fillNormal(new Float64Array(n * c.inputs), c.inputScale / Math.sqrt(c.inputs));
  const rho = c.spectralRadius;
  if (c.recurrentInit === "identity") {
    const W = new Float64Array(n * n);
    for (let i = 0; i < n; i++) W[i * n + i] = rho;
    return [Wxh, W];
  }
  const G = rng.fillNormal(new Float64Array(n * n));
  const M = c.recurrentInit === "orthogonal" ? orthogonalFromQr(G, n) : G;
  const r = c.recurrentInit === "orthogonal" ? 1 : spectralRadius(M, n);
  const scale = r > 0 ? rho / r : 0;
  for (let i = 0; i < M.length; i++) M[i] = M[i]! * scale;
  return [Wxh, M];
}

export class Rnn extends Recurrent<RnnParams> {
  readonly kind = "rnn";
  private readonly relu: boolean;
  private readonly da: Float64Array;

  constructor(dims: RnnConfig, params: RnnParams, seq: Sequence, ctx: NumericContext, keepHiddenGrads = false) {
    super(dims, params, seq, ctx, keepHiddenGrads);
    this.relu = dims.activation === "relu";
    this.da = new Float64Array(this.B * this.H);
  }

  protected stepForward(t: number): void {
    const { B, H, I, q } = this;
    const [Wxh, Whh] = this.computeParams;
    const h = this.hs[t]!;
    matmulBt(this.xs[t - 1]!, Wxh, h, B, H, I);
    addMatmulBt(this.hs[t - 1]!, Whh, h, B, H, H);
    if (q) q.roundArray(h);
    if (this.relu) for (let i = 0; i < h.length; i++) h[i] = Math.max(h[i]!, 0);
    else for (let i = 0; i < h.length; i++) h[i] = Math.tanh(h[i]!);
    if (q) q.roundArray(h);
  }

  protected beginBackward(): void {}

  protected stepBackward(t: number, dh: Float64Array, dhPrev: Float64Array): void {
    const { B, H, I, q, da } = this;
    const h = this.hs[t]!;
    if (this.relu) for (let i = 0; i < da.length; i++) da[i] = h[i]! > 0 ? dh[i]! : 0;
    else
      for (let i = 0; i < da.length; i++) {
        const v = h[i]!;
        da[i] = dh[i]! * (1 - v * v);
      }
    if (q) q.roundArray(da);
    const [gxh, ghh] = this.stepGrads;
    matmulAt(da, this.xs[t - 1]!, gxh, H, I, B);
    matmulAt(da, this.hs[t - 1]!, ghh, H, H, B);
    if (t > 1) {
      matmul(da, this.computeParams[1], dhPrev, B, H, H); // δh_{t−1} = δa W_hh
      if (q) q.roundArray(dhPrev);
    }
  }

  /** ReLU: the dead units (h_t = 0, slope 0); tanh: the base rule. */
  protected override saturation(h: Float64Array): number {
    if (!this.relu) return super.saturation(h);
    let dead = 0;
    for (let i = 0; i < h.length; i++) if (!(h[i]! > 0)) dead++;
    return dead / h.length;
  }
}
