/**
 * Deep MLP snapshot model (the contract's definition):
 *   h_0 = x (B×N),  z_l = h_{l−1} W_lᵀ,  u_l = norm(z_l),  a_l = act(u_l),
 *   h_l = a_l (+ h_{l−1} if residual),   loss = ½·(1/B)·Σ_b ||h_D − y||²
 * Backward (δ = ∂loss/∂·):
 *   δh_D = (h_D − y)/B
 *   δu_l = δh_l ⊙ act'(u_l);  δz_l = norm_backward(δu_l)  (= δu_l without norm)
 *   δW_l = δz_lᵀ h_{l−1};     δh_{l−1} = δz_l W_l (+ δh_l if residual)
 */
import { type Activation, activation, activationBackward, activationForward, saturationFraction } from "./activations";
import { initWeights } from "./init";
import { matmul, matmulAt, matmulBt } from "./kernels/gemm";
import { norm2 } from "./linalg";
import type { NumericContext, Trainable } from "./model";
import { batchNormBackward, batchNormForward, layerNormBackward, layerNormForward } from "./norm";
import { computeQuantizer, masterQuantizer } from "./precision";
import { Rng, STREAM } from "./rng";
import type { MlpConfig } from "./schema";
import { allFinite, histogram, meanStd } from "./summary";
import type { MlpLayerStats } from "./types";

export type MlpShape = Pick<MlpConfig, "depth" | "width" | "batch" | "activation" | "norm" | "residual">;

/** Draws the weights, x and y of a config (one PRNG stream each). */
export function mlpInit(c: MlpConfig): { W: Float64Array[]; x: Float64Array; y: Float64Array } {
  const wr = new Rng(c.seed, STREAM.weights);
  const W = Array.from({ length: c.depth }, () => initWeights(c.init, c.width, c.width, wr, c.initStd ?? 1));
  const n = c.batch * c.width;
  const x = new Rng(c.seed, STREAM.inputs).fillNormal(new Float64Array(n));
  const y = new Rng(c.seed, STREAM.targets).fillNormal(new Float64Array(n));
  return { W, x, y };
}

/** Adds `delta` to h_layer[index] during forward: lets tests take finite differences in h. */
export interface Perturbation {
  layer: number;
  index: number;
  delta: number;
}

export class Mlp implements Trainable {
  readonly params: Float64Array[];
  readonly grads: Float64Array[];
  /** ||∂loss/∂h_l|| for l = 1..D (index l − 1), unscaled */
  readonly activationGradNorms: Float64Array;
  /** optional copies of ∂loss/∂h_l (index l − 1), for tests */
  readonly activationGrads: Float64Array[] | null;
  perturbation: Perturbation | null = null;
  /** any NaN/±Infinity in the last pass */
  nonFinite = false;

  private readonly y: Float64Array;
  private readonly act: Activation;
  private readonly B: number;
  private readonly N: number;
  private readonly D: number;
  private readonly computeW: Float64Array[]; // weights as the compute format sees them
  private readonly h: Float64Array[]; // h[0] = x, h[l] = layer l output
  private readonly u: Float64Array[]; // u[l − 1] = norm(z_l) — the activation's input
  private readonly a: Float64Array[]; // a[l − 1] = act(u_l) (aliases h[l] without residual)
  private readonly invStd: Float64Array[];
  private readonly z: Float64Array;
  private dh: Float64Array;
  private dhPrev: Float64Array;
  private readonly du: Float64Array;
  private readonly dz: Float64Array;

  constructor(
    private readonly shape: MlpShape,
    W: Float64Array[],
    x: Float64Array,
    y: Float64Array,
    private readonly ctx: NumericContext = { q: null, lossScale: 1 },
    keepActivationGrads = false,
  ) {
    const { depth: D, width: N, batch: B } = shape;
    this.D = D;
    this.N = N;
    this.B = B;
    this.act = activation(shape.activation);
    this.params = W;
    this.grads = W.map(() => new Float64Array(N * N));
    const q = ctx.q;
    this.computeW = q?.name === "fp16" ? W.map((w) => new Float64Array(w.length)) : W;
    const buf = () => new Float64Array(B * N);
    this.h = [Float64Array.from(x), ...W.map(buf)];
    this.y = Float64Array.from(y);
    this.u = W.map(buf);
    this.a = shape.residual ? W.map(buf) : this.h.slice(1);
    this.invStd = W.map(() => new Float64Array(shape.norm === "batch" ? N : B));
    this.z = buf();
    this.dh = buf();
    this.dhPrev = buf();
    this.du = buf();
    this.dz = buf();
    if (q) {
      q.roundArray(this.h[0]!);
      q.roundArray(this.y);
    }
    this.activationGradNorms = new Float64Array(D);
    this.activationGrads = keepActivationGrads ? W.map(buf) : null;
  }

  /** Forward pass; returns the loss (summed in float64 from the compute-format outputs). */
  forward(): number {
    const { B, N, D, act, h, u, a } = this;
    const { q } = this.ctx;
    const n = B * N;
    if (q && this.computeW !== this.params) {
      // fp16: the pass computes with half-precision copies of the master weights.
      for (let l = 0; l < D; l++) {
        const src = this.params[l]!;
        const dst = this.computeW[l]!;
        for (let i = 0; i < src.length; i++) dst[i] = q.round(src[i]!);
      }
    }
    for (let l = 1; l <= D; l++) {
      const hPrev = h[l - 1]!;
      const hl = h[l]!;
      const ul = u[l - 1]!;
      const al = a[l - 1]!;
      const Wl = this.computeW[l - 1]!;
      const norm = this.shape.norm;
      const zl = norm === "none" ? ul : this.z;
      matmulBt(hPrev, Wl, zl, B, N, N); // z = h Wᵀ
      if (q) q.roundArray(zl);
      if (norm === "batch") batchNormForward(zl, ul, this.invStd[l - 1]!, B, N, q);
      else if (norm === "layer") layerNormForward(zl, ul, this.invStd[l - 1]!, B, N, q);
      activationForward(act, ul, al, n);
      if (q) q.roundArray(al);
      if (this.shape.residual) {
        for (let i = 0; i < n; i++) hl[i] = al[i]! + hPrev[i]!;
        if (q) q.roundArray(hl);
      }
      const p = this.perturbation;
      if (p && p.layer === l) hl[p.index] = hl[p.index]! + p.delta;
    }
    const out = h[D]!;
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const d = out[i]! - this.y[i]!;
      loss += d * d;
    }
    return (0.5 * loss) / B;
  }

  /** Backward pass after forward(): fills grads (unscaled) and activationGradNorms. */
  backward(): void {
    const { B, N, D, act, h, u, a } = this;
    const { q, lossScale } = this.ctx;
    const n = B * N;
    const out = h[D]!;
    const c = lossScale / B;
    let dh = this.dh;
    let dhPrev = this.dhPrev;
    for (let i = 0; i < n; i++) dh[i] = (out[i]! - this.y[i]!) * c;
    if (q) q.roundArray(dh);
    let finite = true;
    for (let l = D; l >= 1; l--) {
      this.activationGradNorms[l - 1] = norm2(dh, n) / lossScale;
      if (this.activationGrads) {
        const keep = this.activationGrads[l - 1]!;
        for (let i = 0; i < n; i++) keep[i] = dh[i]! / lossScale;
      }
      const ul = u[l - 1]!;
      activationBackward(act, ul, a[l - 1]!, dh, this.du, n);
      if (q) q.roundArray(this.du);
      const norm = this.shape.norm;
      let dz = this.du;
      if (norm !== "none") {
        dz = this.dz;
        if (norm === "batch") batchNormBackward(ul, this.invStd[l - 1]!, this.du, dz, B, N, q);
        else layerNormBackward(ul, this.invStd[l - 1]!, this.du, dz, B, N, q);
      }
      const dW = this.grads[l - 1]!;
      matmulAt(dz, h[l - 1]!, dW, N, N, B); // δW = δzᵀ h_{l−1}
      if (q) q.roundArray(dW);
      if (l > 1) {
        matmul(dz, this.computeW[l - 1]!, dhPrev, B, N, N); // δh_{l−1} = δz W
        if (this.shape.residual) for (let i = 0; i < n; i++) dhPrev[i] = dhPrev[i]! + dh[i]!;
        if (q) q.roundArray(dhPrev);
      }
      [dh, dhPrev] = [dhPrev, dh];
    }
    this.dh = dh;
    this.dhPrev = dhPrev;
    // Unscale into the master format (float64, or float32 for fp32/fp16 runs).
    const mq = q ? masterQuantizer(q.name) : null;
    for (const g of this.grads) {
      if (lossScale !== 1) for (let i = 0; i < g.length; i++) g[i] = g[i]! / lossScale;
      if (mq) mq.roundArray(g);
      if (finite && !allFinite(g)) finite = false;
    }
    if (finite) for (let l = 0; l < D; l++) if (!Number.isFinite(this.activationGradNorms[l]!)) finite = false;
    this.nonFinite = !finite;
  }

  lossAndGrad(): number {
    const loss = this.forward();
    this.backward();
    if (!Number.isFinite(loss)) this.nonFinite = true;
    return loss;
  }

  /** Per-layer statistics of the last forward + backward pass. */
  layerStats(): MlpLayerStats[] {
    const n = this.B * this.N;
    const stats: MlpLayerStats[] = [];
    for (let l = 1; l <= this.D; l++) {
      const hl = this.h[l]!;
      const weightGradNorm = norm2(this.grads[l - 1]!);
      const { mean, std } = meanStd(hl, n);
      if (!allFinite(hl, n)) this.nonFinite = true;
      stats.push({
        layer: l,
        weightGradNorm,
        activationGradNorm: this.activationGradNorms[l - 1]!,
        updateRatio: weightGradNorm / norm2(this.params[l - 1]!),
        activationMean: mean,
        activationStd: std,
        saturation: saturationFraction(this.act, this.u[l - 1]!, this.a[l - 1]!, n),
        histogram: histogram(hl, n),
      });
    }
    return stats;
  }
}

/** Builds the model of a canonical MLP config (weights, data and numeric context from the config). */
export function createMlp(c: MlpConfig, keepActivationGrads = false): Mlp {
  const { W, x, y } = mlpInit(c);
  const mq = masterQuantizer(c.precision);
  if (mq) for (const w of W) mq.roundArray(w);
  return new Mlp(c, W, x, y, { q: computeQuantizer(c.precision), lossScale: c.lossScale }, keepActivationGrads);
}

/** Test helper: loss and parameter gradients of an MLP at given weights (float64). */
export function mlpForwardBackward(
  shape: MlpShape,
  W: Float64Array[],
  x: Float64Array,
  y: Float64Array,
): { loss: number; grads: Float64Array[]; activationGrads: Float64Array[] } {
  const m = new Mlp(shape, W, x, y, { q: null, lossScale: 1 }, true);
  const loss = m.lossAndGrad();
  return { loss, grads: m.grads, activationGrads: m.activationGrads as Float64Array[] };
}

/** Test helper: the loss alone, optionally with h_layer[index] += delta. */
export function mlpLoss(
  shape: MlpShape,
  W: Float64Array[],
  x: Float64Array,
  y: Float64Array,
  perturbation: Perturbation | null = null,
): number {
  const m = new Mlp(shape, W, x, y);
  m.perturbation = perturbation;
  return m.forward();
}
