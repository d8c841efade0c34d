/**
 * Deep MLP snapshot model (the contract's definition):
 *   h_0 = x (B×N),  z_l = h_{l−1} W_lᵀ,  u_l = norm(z_l),  a_l = act(u_l),
 *   h_l = a_l (+ h_{l−1} if residual)
 *   mse: loss = ½·(1/B)·Σ_b ||h_D − y||²                       (y ~ N(0, 1))
 *   bce: the last layer has no activation, a_D = u_D: h_D (= u_D + h_{D−1} if residual) are logits, and
 *        loss = (1/B)·Σ_b Σ_j BCE(σ(h_D), y)                      (y ~ Bernoulli(½), the sigmoid read-out)
 * Backward (δ = ∂loss/∂·):
 *   δh_D = (h_D − y)/B  (mse)   or   (σ(h_D) − y)/B  (bce: the read-out's slope σ′ cancels)
 *   δu_l = δh_l ⊙ act'(u_l);  δz_l = norm_backward(δu_l)  (= δu_l without norm)
 *   δW_l = δz_lᵀ h_{l−1};     δh_{l−1} = δz_l W_l (+ δh_l if residual)
 * LSUV (Mishkin & Matas 2016, lsuvCalibrate): orthogonal W, then for l = 1 … D, W_l ← W_l/√Var(z_l)
 * on the batch until |Var(z_l) − 1| ≤ 0.1 (at most 10 rescalings); z_l is the layer's linear output.
 * Built from a config by build.ts.
 */
import {
  type Activation,
  activation,
  activationBackward,
  activationForward,
  SATURATION_REL,
  saturationFraction,
  sigmoid,
} from "./activations";
import { kernelArray, matmul, matmulAt, matmulBt, scratchElements } from "./kernels/gemm";
import { norm2 } from "./linalg";
import { type Data, Model, type Snapshot } from "./model";
import { normBackward, normForward } from "./normalization";
import type { NumericContext } from "./precision";
import { qrArenaElements } from "./qr";
import type { MlpLayerStats } from "./result";
import type { MlpConfig } from "./schema";
import { layerStatistics, meanStd } from "./stats";

export type MlpShape = Pick<MlpConfig, "depth" | "width" | "batch" | "activation" | "norm" | "residual" | "loss">;

/** LSUV's tolerance on a layer's output variance and its iteration cap (Mishkin & Matas 2016). */
export const LSUV_TOLERANCE = 0.1;
export const LSUV_MAX_ITERATIONS = 10;

/**
 * What a run of this shape keeps in the kernel's arena (gemm.ts withKernelArena), in doubles: the
 * weights, their gradients (and fp16 copies), the B×N buffers of the constructor, the orthogonal
 * init's QR temporaries (one layer's at a time, qr.ts) — and the scratch of the largest product
 * on operands outside it (width × width).
 */
export function mlpArena(c: MlpShape & Pick<MlpConfig, "precision" | "init">): { elements: number; scratch: number } {
  const { depth: D, width: N, batch: B } = c;
  const weights = D * N * N * (c.precision === "fp16" ? 3 : 2);
  const buffers = B * N * (2 * D + 6 + (c.residual ? D : 0));
  const alignment = 2 * (4 * D + 6);
  const qr = c.init === "orthogonal" || c.init === "lsuv" ? qrArenaElements(N) : 0;
  return { elements: weights + buffers + alignment + qr, scratch: scratchElements(Math.max(N, B), N, N) };
}

/** Adds `delta` to h_layer[index] during forward: lets tests take finite differences in h. */
export interface Perturbation {
  layer: number;
  index: number;
  delta: number;
}

export class Mlp extends Model {
  /** ||∂loss/∂h_l|| for l = 1..D (index l − 1), unscaled */
  readonly activationGradNorms: Float64Array;
  /** optional copies of ∂loss/∂h_l (index l − 1), for tests */
  readonly activationGrads: Float64Array[] | null;
  perturbation: Perturbation | null = null;

  private readonly shape: MlpShape;
  /** each layer's activation: `activation`, except the bce read-out layer D (linear: its outputs are logits) */
  private readonly acts: Activation[];
  private readonly B: number;
  private readonly N: number;
  private readonly D: number;
  private readonly h: Float64Array[]; // h[0] = x, h[l] = layer l output
  private readonly u: Float64Array[]; // u[l − 1] = norm(z_l) — the activation's input
  private readonly a: Float64Array[]; // a[l − 1] = act(u_l) (aliases h[l] without residual)
  private readonly invStd: Float64Array[];
  private readonly z: Float64Array;
  private dh: Float64Array;
  private dhPrev: Float64Array;
  private readonly du: Float64Array;
  private readonly dz: Float64Array;

  /** W: depth weight matrices, width × width; data: x and y, batch × width. */
  constructor(
    shape: MlpShape,
    W: Float64Array[],
    data: Data,
    ctx: NumericContext = { q: null, lossScale: 1 },
    keepActivationGrads = false,
  ) {
    super(W, data.y, shape.batch, ctx);
    const { depth: D, width: N, batch: B } = shape;
    this.shape = shape;
    this.D = D;
    this.N = N;
    this.B = B;
    const act = activation(shape.activation);
    this.acts = W.map((_, i) => (shape.loss === "bce" && i === D - 1 ? activation("linear") : act));
    const buf = () => kernelArray(B * N); // gemm operands: in the kernel's memory when an arena is open
    const x = buf();
    x.set(data.x);
    this.h = [x, ...W.map(buf)];
    if (ctx.q) ctx.q.roundArray(this.h[0]!);
    this.u = W.map(buf);
    this.a = shape.residual ? W.map(buf) : this.h.slice(1);
    this.invStd = W.map(() => new Float64Array(shape.norm === "batch" ? N : B));
    this.z = buf();
    this.dh = buf();
    this.dhPrev = buf();
    this.du = buf();
    this.dz = buf();
    this.activationGradNorms = new Float64Array(D);
    this.activationGrads = keepActivationGrads ? W.map(buf) : null;
  }

  forward(): number {
    this.refreshComputeParams();
    for (let l = 1; l <= this.D; l++) this.forwardLayer(l);
    const out = this.h[this.D]!;
    return this.shape.loss === "bce" ? this.bceLoss(out) : this.loss(out);
  }

  /** Layer l's forward from h_{l−1}; returns z_l = h_{l−1}W_lᵀ (a buffer valid until the next call). */
  private forwardLayer(l: number): Float64Array {
    const { B, N, h, u, a, q } = this;
    const n = B * N;
    const hPrev = h[l - 1]!;
    const hl = h[l]!;
    const ul = u[l - 1]!;
    const al = a[l - 1]!;
    const norm = this.shape.norm;
    const zl = norm === "none" ? ul : this.z;
    matmulBt(hPrev, this.computeParams[l - 1]!, zl, B, N, N); // z = h Wᵀ
    if (q) q.roundArray(zl);
    if (norm !== "none") normForward(norm, zl, ul, this.invStd[l - 1]!, B, N, q);
    activationForward(this.acts[l - 1]!, ul, al, n);
    if (q) q.roundArray(al);
    if (this.shape.residual) {
      for (let i = 0; i < n; i++) hl[i] = al[i]! + hPrev[i]!;
      if (q) q.roundArray(hl);
    }
    const p = this.perturbation;
    if (p && p.layer === l) hl[p.index] = hl[p.index]! + p.delta;
    return zl;
  }

  /**
   * LSUV on this model's batch (float64, before training): layer by layer, W_l ← W_l/√v with
   * v = Var(z_l) over batch × width, until |v − 1| ≤ LSUV_TOLERANCE or LSUV_MAX_ITERATIONS
   * rescalings (z_l is linear in W_l, so one rescaling lands on 1 up to rounding). A layer whose
   * output variance is 0 or non-finite is left as it is. Scales this.params in place.
   */
  lsuvCalibrate(): void {
    const n = this.B * this.N;
    for (let l = 1; l <= this.D; l++) {
      const W = this.params[l - 1]!;
      for (let it = 0; ; it++) {
        const v = meanStd(this.forwardLayer(l), n).std ** 2; // also computes h_l for layer l + 1
        if (Math.abs(v - 1) <= LSUV_TOLERANCE || it === LSUV_MAX_ITERATIONS || !(v > 0) || !Number.isFinite(v)) break;
        const f = 1 / Math.sqrt(v);
        for (let i = 0; i < W.length; i++) W[i] = W[i]! * f;
      }
    }
  }

  backward(): void {
    const { B, N, D, h, u, a, q } = this;
    const n = B * N;
    let dh = this.dh;
    let dhPrev = this.dhPrev;
    if (this.shape.loss === "bce") this.bceGradient(h[D]!, dh);
    else this.lossGradient(h[D]!, dh);
    for (let l = D; l >= 1; l--) {
      this.recordGradient(dh, this.activationGradNorms, this.activationGrads, l - 1);
      const ul = u[l - 1]!;
      activationBackward(this.acts[l - 1]!, ul, a[l - 1]!, dh, this.du, n);
      if (q) q.roundArray(this.du);
      const norm = this.shape.norm;
      let dz = this.du;
      if (norm !== "none") {
        dz = this.dz;
        normBackward(norm, ul, this.invStd[l - 1]!, this.du, dz, B, N, q);
      }
      const dW = this.grads[l - 1]!;
      matmulAt(dz, h[l - 1]!, dW, N, N, B); // δW = δzᵀ h_{l−1}
      if (q) q.roundArray(dW);
      if (l > 1) {
        matmul(dz, this.computeParams[l - 1]!, dhPrev, B, N, N); // δh_{l−1} = δz W
        if (this.shape.residual) for (let i = 0; i < n; i++) dhPrev[i] = dhPrev[i]! + dh[i]!;
        if (q) q.roundArray(dhPrev);
      }
      [dh, dhPrev] = [dhPrev, dh];
    }
    this.dh = dh;
    this.dhPrev = dhPrev;
    this.finishGradients([this.activationGradNorms]);
  }

  /** Layer l's saturated fraction; for the bce read-out, of the sigmoid applied to its logits. */
  private saturation(l: number): number {
    const n = this.B * this.N;
    const ul = this.u[l - 1]!;
    if (this.shape.loss !== "bce" || l !== this.D) return saturationFraction(this.acts[l - 1]!, ul, this.a[l - 1]!, n);
    const readout = activation("sigmoid");
    const limit = SATURATION_REL * readout.maxSlope;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const p = sigmoid(ul[i]!);
      if (p * (1 - p) < limit) count++;
    }
    return count / n;
  }

  /** Per-layer statistics of the last forward + backward pass (they also flag non-finite activations). */
  snapshot(): Snapshot<{ model: "mlp"; layers: MlpLayerStats[] }> {
    const n = this.B * this.N;
    const layers: MlpLayerStats[] = [];
    for (let l = 1; l <= this.D; l++) {
      const hl = this.h[l]!;
      const weightGradNorm = this.gradNorms[l - 1]!;
      const { mean, std, histogram, nonFinite } = layerStatistics(hl, n);
      if (nonFinite > 0) this.nonFinite = true;
      layers.push({
        layer: l,
        weightGradNorm,
        activationGradNorm: this.activationGradNorms[l - 1]!,
        updateRatio: weightGradNorm / norm2(this.params[l - 1]!),
        stepNorm: this.stepNorms[l - 1]!,
        activationMean: mean,
        activationStd: std,
        saturation: this.saturation(l),
        histogram,
      });
    }
    const weight = layers.map((s) => s.weightGradNorm);
    return { stats: { model: "mlp", layers }, profile: { signal: this.activationGradNorms, weight } };
  }
}
