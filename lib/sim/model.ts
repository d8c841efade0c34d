/**
 * What every model shares — the MLP (mlp.ts) and the recurrent nets (recurrent.ts) extend it:
 * the master parameters and their gradients, the compute-format copies of the weights, the loss
 * on the output with its gradient, and the end of backward. A model adds forward(), backward()
 * and snapshot() (its statistics for the result) for its own layers.
 *
 *   loss = ½·(1/B)·Σ_b ||out_b − y_b||²        δout = (out − y)/B   (× lossScale, see precision.ts)
 */
import { sigmoid } from "./activations";
import { kernelArray } from "./kernels/gemm";
import { norm2, normFromSumOfSquares, sumOfSquares } from "./linalg";
import { masterQuantizer, type NumericContext, type Quantizer } from "./precision";
import { allFinite } from "./stats";
import type { Trainable } from "./train";
import type { GradientProfile } from "./verdict";

/** A model's fixed batch: inputs x and targets y (batch × outputs). */
export interface Data {
  x: Float64Array;
  y: Float64Array;
}

/** A model's part of the result after a pass, and the gradient profile its summary is computed from. */
export interface Snapshot<Stats> {
  /** the model's name and its per-layer or per-step statistics */
  stats: Stats;
  profile: GradientProfile;
}

/** A list of parameter tensors; a model with a fixed set names them in a tuple type (e.g. RnnParams). */
export type Params = Float64Array[];

/** New zero tensors of the same shapes (gemm operands: in the kernel's arena when one is open). */
export const zerosLike = <P extends Params>(params: P): P => params.map((p) => kernelArray(p.length)) as P;

export abstract class Model<P extends Params = Params> implements Trainable {
  /** master parameters (float64, or float32 values for fp32/fp16 runs), updated by the optimizer */
  readonly params: P;
  /** ∂loss/∂params, unscaled, in the master format; filled by backward() */
  readonly grads: P;
  /** ‖grads[k]‖_F after the last backward (computed in the same pass as the finiteness check) */
  readonly gradNorms: Float64Array;
  /** ‖Δparams[k]‖_F of the last training update (train.ts; zeros without training) */
  readonly stepNorms: Float64Array;
  /** any NaN/±Infinity in the last pass */
  nonFinite = false;

  /** rounding of every compute op's output (null = float64) */
  protected readonly q: Quantizer | null;
  protected readonly lossScale: number;
  /** the weights as the passes see them: fp16 copies of the master weights, else the params themselves */
  protected readonly computeParams: P;
  /** targets (batch × outputs), in the compute format */
  private readonly y: Float64Array;
  private readonly batch: number;
  /** rounding of the gradients into the master format */
  private readonly master: Quantizer | null;

  constructor(params: P, y: Float64Array, batch: number, ctx: NumericContext) {
    this.params = params;
    this.grads = zerosLike(params);
    this.gradNorms = new Float64Array(params.length);
    this.stepNorms = new Float64Array(params.length);
    this.q = ctx.q;
    this.lossScale = ctx.lossScale;
    this.computeParams = ctx.q?.name === "fp16" ? zerosLike(params) : params;
    this.y = Float64Array.from(y);
    if (ctx.q) ctx.q.roundArray(this.y);
    this.batch = batch;
    this.master = ctx.q ? masterQuantizer(ctx.q.name) : null;
  }

  /** Forward pass on the fixed batch; returns the loss. */
  abstract forward(): number;
  /** Backward pass after forward(): fills grads (unscaled) and the model's gradient statistics. */
  abstract backward(): void;
  /** The statistics of the last pass, for the result. */
  abstract snapshot(): Snapshot<object>;

  lossAndGrad(): number {
    const loss = this.forward();
    this.backward();
    if (!Number.isFinite(loss)) this.nonFinite = true;
    return loss;
  }

  /** Start of forward: under fp16 the pass computes with half-precision copies of the master weights. */
  protected refreshComputeParams(): void {
    const q = this.q;
    if (!q || this.computeParams === this.params) return;
    this.params.forEach((p, k) => {
      const c = this.computeParams[k]!;
      for (let i = 0; i < p.length; i++) c[i] = q.round(p[i]!);
    });
  }

  /** The loss of the output, summed in float64 from the compute-format values. */
  protected loss(out: Float64Array): number {
    const y = this.y;
    let s = 0;
    for (let i = 0; i < out.length; i++) {
      const d = out[i]! - y[i]!;
      s += d * d;
    }
    return (0.5 * s) / this.batch;
  }

  /**
   * Binary cross-entropy of σ(logits) against targets in {0, 1}, from the logits (stable:
   * softplus(o) − y·o = max(o, 0) − y·o + log(1 + e^{−|o|})).
   */
  protected bceLoss(logits: Float64Array): number {
    const y = this.y;
    let s = 0;
    for (let i = 0; i < logits.length; i++) {
      const o = logits[i]!;
      s += Math.max(o, 0) - y[i]! * o + Math.log1p(Math.exp(-Math.abs(o)));
    }
    return s / this.batch;
  }

  /** Its gradient with respect to the logits, loss-scaled: δo = (σ(o) − y)·lossScale/B — no σ′ factor. */
  protected bceGradient(logits: Float64Array, dOut: Float64Array): void {
    const { y, lossScale, batch } = this;
    const c = lossScale / batch;
    for (let i = 0; i < logits.length; i++) dOut[i] = (sigmoid(logits[i]!) - y[i]!) * c;
    if (this.q) this.q.roundArray(dOut);
  }

  /** Its gradient, loss-scaled: δout = (out − y)·lossScale/B, in the compute format. */
  protected lossGradient(out: Float64Array, dOut: Float64Array): void {
    const { y, lossScale, batch } = this;
    const c = lossScale / batch;
    for (let i = 0; i < out.length; i++) dOut[i] = (out[i]! - y[i]!) * c;
    if (this.q) this.q.roundArray(dOut);
  }

  /** Records ‖δ‖ unscaled at norms[i], and an unscaled copy of δ when copies are kept (tests). */
  protected recordGradient(d: Float64Array, norms: Float64Array, copies: Float64Array[] | null, i: number): void {
    const lossScale = this.lossScale;
    norms[i] = norm2(d) / lossScale;
    if (copies) {
      const keep = copies[i]!;
      for (let j = 0; j < d.length; j++) keep[j] = d[j]! / lossScale;
    }
  }

  /**
   * End of backward: divides lossScale out of the gradients, rounds them into the master format,
   * records their norms and sets nonFinite if any gradient or any of the given recorded norms is
   * NaN/±Infinity (a finite Σg² means every g is finite; only otherwise are the values checked).
   */
  protected finishGradients(norms: readonly (Float64Array | null)[]): void {
    const { lossScale, master } = this;
    let finite = true;
    this.grads.forEach((g, k) => {
      if (lossScale !== 1) for (let i = 0; i < g.length; i++) g[i] = g[i]! / lossScale;
      if (master) master.roundArray(g);
      const ss = sumOfSquares(g);
      this.gradNorms[k] = normFromSumOfSquares(ss, g);
      if (finite && !(ss < Infinity) && !allFinite(g)) finite = false;
    });
    for (const n of norms) if (finite && n && !allFinite(n)) finite = false;
    this.nonFinite = !finite;
  }
}
