/**
 * Shared machinery of the recurrent models (RNN, LSTM, GRU): the sequence, the loss on the last
 * hidden state, backprop through time and the per-step statistics. A cell subclass supplies
 * one step forward and one step backward.
 *
 *   h_0 = 0 (B×H),  h_t = cell(x_t, h_{t−1}),  loss = ½·(1/B)·Σ_b ||h_T − y||²
 *   BPTT: δh_T = (h_T − y)/B;  for t = T … 1: record ||δh_t||; δh_{t−1} = cell_backward(δh_t)
 * δh_t is the total derivative ∂loss/∂h_t (every path through later steps).
 */
import { norm2 } from "./linalg";
import type { NumericContext, Trainable } from "./model";
import { masterQuantizer } from "./precision";
import { allFinite, meanStd } from "./summary";
import type { TimestepStats } from "./types";

/** tanh-slope saturation rule applied to h_t: 1 − h² < 0.05. */
const SATURATED_H2 = 0.95;

export interface Sequence {
  /** T·B·I inputs, t-major */
  x: Float64Array;
  /** B·H targets */
  y: Float64Array;
}

export abstract class Recurrent implements Trainable {
  readonly params: Float64Array[];
  readonly grads: Float64Array[];
  /** ||∂loss/∂h_t|| for t = 1..T (index t − 1), unscaled */
  readonly hiddenGradNorms: Float64Array;
  /** LSTM: ||∂loss/∂c_t|| */
  readonly cellGradNorms: Float64Array | null = null;
  /** Frobenius norm of step t's contribution to the gradient of all parameters */
  readonly stepWeightGradNorms: Float64Array;
  /** optional copies of ∂loss/∂h_t (index t − 1), for tests */
  readonly hiddenGrads: Float64Array[] | null;
  nonFinite = false;
  /** adds delta to h_t[index] during forward: lets tests take finite differences in h_t */
  perturbation: { t: number; index: number; delta: number } | null = null;

  protected readonly T: number;
  protected readonly B: number;
  protected readonly H: number;
  protected readonly I: number;
  protected readonly q: NumericContext["q"];
  protected readonly lossScale: number;
  /** xs[t − 1] = x_t (B×I) */
  protected readonly xs: Float64Array[];
  /** hs[t] = h_t (B×H), hs[0] = 0 */
  protected readonly hs: Float64Array[];
  /** weights as the compute format sees them (fp16: rounded copies; else the params) */
  protected readonly computeParams: Float64Array[];
  /** step-t gradient contributions, same shapes as params */
  protected readonly stepGrads: Float64Array[];
  private readonly y: Float64Array;
  private dh: Float64Array;
  private dhPrev: Float64Array;

  constructor(
    dims: { steps: number; batch: number; hidden: number; inputs: number },
    params: Float64Array[],
    seq: Sequence,
    ctx: NumericContext,
    keepHiddenGrads: boolean,
  ) {
    this.T = dims.steps;
    this.B = dims.batch;
    this.H = dims.hidden;
    this.I = dims.inputs;
    this.q = ctx.q;
    this.lossScale = ctx.lossScale;
    this.params = params;
    this.grads = params.map((p) => new Float64Array(p.length));
    this.stepGrads = params.map((p) => new Float64Array(p.length));
    this.computeParams = ctx.q?.name === "fp16" ? params.map((p) => new Float64Array(p.length)) : params;
    const x = Float64Array.from(seq.x);
    this.y = Float64Array.from(seq.y);
    if (ctx.q) {
      ctx.q.roundArray(x);
      ctx.q.roundArray(this.y);
    }
    const bi = this.B * this.I;
    const bh = this.B * this.H;
    this.xs = Array.from({ length: this.T }, (_, t) => x.subarray(t * bi, (t + 1) * bi));
    const hbuf = new Float64Array((this.T + 1) * bh);
    this.hs = Array.from({ length: this.T + 1 }, (_, t) => hbuf.subarray(t * bh, (t + 1) * bh));
    this.dh = new Float64Array(bh);
    this.dhPrev = new Float64Array(bh);
    this.hiddenGradNorms = new Float64Array(this.T);
    this.stepWeightGradNorms = new Float64Array(this.T);
    this.hiddenGrads = keepHiddenGrads ? Array.from({ length: this.T }, () => new Float64Array(bh)) : null;
  }

  /** Computes h_t (into hs[t]) from x_t and h_{t−1}; stores what backward needs. */
  protected abstract stepForward(t: number): void;
  /** Reset per-pass backward state (e.g. the LSTM's δc). */
  protected abstract beginBackward(): void;
  /**
   * Given δh_t (total), writes step t's parameter-gradient contributions into stepGrads and,
   * if t > 1, δh_{t−1} into dhPrev.
   */
  protected abstract stepBackward(t: number, dh: Float64Array, dhPrev: Float64Array): void;

  forward(): number {
    const q = this.q;
    if (q && this.computeParams !== this.params) {
      this.params.forEach((p, k) => {
        const c = this.computeParams[k]!;
        for (let i = 0; i < p.length; i++) c[i] = q.round(p[i]!);
      });
    }
    const p = this.perturbation;
    for (let t = 1; t <= this.T; t++) {
      this.stepForward(t);
      if (p && p.t === t) {
        const h = this.hs[t]!;
        h[p.index] = h[p.index]! + p.delta;
      }
    }
    const hT = this.hs[this.T]!;
    let loss = 0;
    for (let i = 0; i < hT.length; i++) {
      const d = hT[i]! - this.y[i]!;
      loss += d * d;
    }
    return (0.5 * loss) / this.B;
  }

  backward(): void {
    const { q, lossScale } = this;
    const hT = this.hs[this.T]!;
    let dh = this.dh;
    let dhPrev = this.dhPrev;
    const c = lossScale / this.B;
    for (let i = 0; i < dh.length; i++) dh[i] = (hT[i]! - this.y[i]!) * c;
    if (q) q.roundArray(dh);
    for (const g of this.grads) g.fill(0);
    this.beginBackward();
    for (let t = this.T; t >= 1; t--) {
      this.hiddenGradNorms[t - 1] = norm2(dh) / lossScale;
      if (this.hiddenGrads) {
        const keep = this.hiddenGrads[t - 1]!;
        for (let i = 0; i < dh.length; i++) keep[i] = dh[i]! / lossScale;
      }
      this.stepBackward(t, dh, dhPrev);
      // step contribution: its norm, then accumulate (in float64; rounded to the master format below)
      let s = 0;
      this.stepGrads.forEach((sg, k) => {
        if (q) q.roundArray(sg);
        const n = norm2(sg);
        s += n * n;
        const g = this.grads[k]!;
        for (let i = 0; i < sg.length; i++) g[i] = g[i]! + sg[i]!;
      });
      this.stepWeightGradNorms[t - 1] = Math.sqrt(s) / lossScale;
      [dh, dhPrev] = [dhPrev, dh];
    }
    this.dh = dh;
    this.dhPrev = dhPrev;
    const mq = q ? masterQuantizer(q.name) : null;
    let finite = true;
    for (const g of this.grads) {
      if (lossScale !== 1) for (let i = 0; i < g.length; i++) g[i] = g[i]! / lossScale;
      if (mq) mq.roundArray(g);
      if (finite && !allFinite(g)) finite = false;
    }
    if (finite && !allFinite(this.hiddenGradNorms)) finite = false;
    if (finite && this.cellGradNorms && !allFinite(this.cellGradNorms)) finite = false;
    this.nonFinite = !finite;
  }

  lossAndGrad(): number {
    const loss = this.forward();
    this.backward();
    if (!Number.isFinite(loss)) this.nonFinite = true;
    return loss;
  }

  timestepStats(): TimestepStats[] {
    const out: TimestepStats[] = [];
    for (let t = 1; t <= this.T; t++) {
      const h = this.hs[t]!;
      const { mean, std } = meanStd(h);
      if (!allFinite(h)) this.nonFinite = true;
      let sat = 0;
      for (let i = 0; i < h.length; i++) if (h[i]! ** 2 > SATURATED_H2) sat++;
      out.push({
        t,
        hiddenGradNorm: this.hiddenGradNorms[t - 1]!,
        ...(this.cellGradNorms ? { cellGradNorm: this.cellGradNorms[t - 1]! } : {}),
        weightGradNorm: this.stepWeightGradNorms[t - 1]!,
        hiddenMean: mean,
        hiddenStd: std,
        saturation: sat / h.length,
      });
    }
    return out;
  }
}

/** Column sums of a B×M matrix into out (M). */
export function colSums(A: Float64Array, B: number, M: number, out: Float64Array): void {
  out.fill(0);
  for (let b = 0; b < B; b++) {
    const o = b * M;
    for (let j = 0; j < M; j++) out[j] = out[j]! + A[o + j]!;
  }
}

/** Adds a bias row vector (M) to every row of a B×M matrix. */
export function addRow(A: Float64Array, bias: Float64Array, B: number, M: number): void {
  for (let b = 0; b < B; b++) {
    const o = b * M;
    for (let j = 0; j < M; j++) A[o + j] = A[o + j]! + bias[j]!;
  }
}

export const sigmoid = (u: number): number => (u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u)));
