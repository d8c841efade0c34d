/**
 * Vanilla tanh RNN (no bias):  a_t = x_t W_xhᵀ + h_{t−1} W_hhᵀ,  h_t = tanh(a_t)
 * Backward:  δa_t = δh_t ⊙ (1 − h_t²);  δW_xh += δa_tᵀ x_t;  δW_hh += δa_tᵀ h_{t−1};  δh_{t−1} = δa_t W_hh
 * Init: W_xh ~ N(0, inputScale²/inputs) (input current of std inputScale per unit);
 *       W_hh = ρ·G/ρ(G), G ~ N(0, 1), so W_hh's spectral radius is exactly ρ = spectralRadius.
 */
import { addMatmulBt, matmul, matmulAt, matmulBt } from "./kernels/gemm";
import { spectralRadius } from "./linalg";
import type { NumericContext } from "./precision";
import { Recurrent, type Sequence } from "./recurrent";
import { Rng, STREAM } from "./rng";
import type { RnnConfig } from "./schema";

/** The RNN's parameters: W_xh (H×I), W_hh (H×H). */
export type RnnParams = [Wxh: Float64Array, Whh: Float64Array];

export function rnnInit(c: RnnConfig): RnnParams {
  const rng = new Rng(c.seed, STREAM.weights);
  const Wxh = rng.fillNormal(new Float64Array(c.hidden * c.inputs), c.inputScale / Math.sqrt(c.inputs));
  const G = rng.fillNormal(new Float64Array(c.hidden * c.hidden));
  const r = spectralRadius(G, c.hidden);
  const scale = r > 0 ? c.spectralRadius / r : 0;
  for (let i = 0; i < G.length; i++) G[i] = G[i]! * scale;
  return [Wxh, G];
}

export class Rnn extends Recurrent<RnnParams> {
  readonly kind = "rnn";
  private readonly da: Float64Array;

  constructor(dims: RnnConfig, params: RnnParams, seq: Sequence, ctx: NumericContext, keepHiddenGrads = false) {
    super(dims, params, seq, ctx, keepHiddenGrads);
    this.da = new Float64Array(this.B * this.H);
  }

  protected stepForward(t: number): void {
    const { B, H, I, q } = this;
    const [Wxh, Whh] = this.computeParams;
    const h = this.hs[t]!;
    matmulBt(this.xs[t - 1]!, Wxh, h, B, H, I);
    addMatmulBt(this.hs[t - 1]!, Whh, h, B, H, H);
    if (q) q.roundArray(h);
    for (let i = 0; i < h.length; i++) h[i] = Math.tanh(h[i]!);
    if (q) q.roundArray(h);
  }

  protected beginBackward(): void {}

  protected stepBackward(t: number, dh: Float64Array, dhPrev: Float64Array): void {
    const { B, H, I, q, da } = this;
    const h = this.hs[t]!;
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
}
