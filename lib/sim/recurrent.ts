/**
 * Shared machinery of the recurrent models (RNN, LSTM, GRU): the sequence, the loss, backprop
 * through time and the per-step statistics. A cell subclass supplies one step forward and one
 * step backward.
 *
 *   h_0 = 0 (B×H),  h_t = cell(x_t, h_{t−1})
 *   loss "last": ½·(1/B)·Σ_b ||h_T − y||²          "all": (1/T)·Σ_t ½·(1/B)·Σ_b ||h_t − y_t||²
 *   BPTT: δh_T = ∂loss/∂h_T;  for t = T … 1: record ||δh_t||; δh_{t−1} = cell_backward(δh_t) + ∂loss_{t−1}/∂h_{t−1}
 * δh_t is the total derivative ∂loss/∂h_t (every path through later steps). With truncation k
 * (train.truncation; Williams & Peng 1990) the sequence is cut into windows of k steps from t = 1
 * ([1, k], [k+1, 2k], …): the state runs on across windows, but the gradient does not flow back
 * from the first step of a window into the previous one (h is detached there, as in the usual
 * training loop). Every reported number is that truncated gradient, the one training uses.
 */
import { SATURATION_REL } from "./activations";
import type { RecurrentLoss } from "./choices";
import { norm2 } from "./linalg";
import { type Data, Model, type Params, type Snapshot, zerosLike } from "./model";
import type { NumericContext } from "./precision";
import type { TimestepStats } from "./result";
import { allFinite, meanStd } from "./stats";

/** The activations' saturation rule for tanh (slope 1 − h² below SATURATION_REL of its max 1) as a bound on h_t². */
const SATURATED_H2 = 1 - SATURATION_REL; // 0.95, the same double as the literal

/** A recurrent model's data: x is T·B·I inputs, t-major; y is B·H targets for h_T ("last"), or T·B·H for h_1 … h_T ("all"). */
export type Sequence = Data;

/** What the BPTT machinery reads from a recurrent config. */
export interface RecurrentDims {
  steps: number;
  batch: number;
  hidden: number;
  inputs: number;
  loss: RecurrentLoss;
  train?: { truncation?: number | undefined } | undefined;
}

export abstract class Recurrent<P extends Params = Params> extends Model<P> {
  abstract readonly kind: "rnn" | "lstm" | "gru";
  /** ||∂loss/∂h_t|| for t = 1..T (index t − 1), unscaled */
  readonly hiddenGradNorms: Float64Array;
  /** LSTM: ||∂loss/∂c_t|| */
  readonly cellGradNorms: Float64Array | null = null;
  /** Frobenius norm of step t's contribution to the gradient of all parameters */
  readonly stepWeightGradNorms: Float64Array;
  /** optional copies of ∂loss/∂h_t (index t − 1), for tests */
  readonly hiddenGrads: Float64Array[] | null;
  /** adds delta to h_t[index] during forward: lets tests take finite differences in h_t */
  perturbation: { t: number; index: number; delta: number } | null = null;

  protected readonly T: number;
  protected readonly B: number;
  protected readonly H: number;
  protected readonly I: number;
  /** xs[t − 1] = x_t (B×I) */
  protected readonly xs: Float64Array[];
  /** hs[t] = h_t (B×H), hs[0] = 0 */
  protected readonly hs: Float64Array[];
  /** h_1 … h_T as one t-major view of the same memory (the "all" loss's output) */
  private readonly states: Float64Array;
  /** step-t gradient contributions, same shapes as params */
  protected readonly stepGrads: P;
  private dh: Float64Array;
  private dhPrev: Float64Array;
  /** loss on every step ("all") or the last */
  private readonly allSteps: boolean;
  /** window length of truncated BPTT (T: full BPTT) */
  private readonly truncation: number;
  /** "all": ∂loss/∂h_t of every step's own loss, t-major (T·B·H) */
  private readonly dDirect: Float64Array | null;

  constructor(dims: RecurrentDims, params: P, seq: Sequence, ctx: NumericContext, keepHiddenGrads: boolean) {
    const allSteps = dims.loss === "all";
    // "all": the targets are y_1 … y_T (t-major) and the loss averages over T·B rows
    super(params, seq.y, allSteps ? dims.batch * dims.steps : dims.batch, ctx);
    this.allSteps = allSteps;
    this.truncation = dims.train?.truncation ?? dims.steps;
    this.T = dims.steps;
    this.B = dims.batch;
    this.H = dims.hidden;
    this.I = dims.inputs;
    this.stepGrads = zerosLike(params);
    const x = Float64Array.from(seq.x);
    if (ctx.q) ctx.q.roundArray(x);
    const bi = this.B * this.I;
    const bh = this.B * this.H;
    this.xs = Array.from({ length: this.T }, (_, t) => x.subarray(t * bi, (t + 1) * bi));
    const hbuf = new Float64Array((this.T + 1) * bh);
    this.hs = Array.from({ length: this.T + 1 }, (_, t) => hbuf.subarray(t * bh, (t + 1) * bh));
    this.states = hbuf.subarray(bh);
    this.dh = new Float64Array(bh);
    this.dhPrev = new Float64Array(bh);
    this.hiddenGradNorms = new Float64Array(this.T);
    this.stepWeightGradNorms = new Float64Array(this.T);
    this.hiddenGrads = keepHiddenGrads ? Array.from({ length: this.T }, () => new Float64Array(bh)) : null;
    this.dDirect = allSteps ? new Float64Array(this.T * bh) : null;
  }

  /** Fraction of h_t's units whose tanh slope 1 − h² is below SATURATION_REL (the ReLU RNN: dead units). */
  protected saturation(h: Float64Array): number {
    let sat = 0;
    for (let i = 0; i < h.length; i++) if (h[i]! ** 2 > SATURATED_H2) sat++;
    return sat / h.length;
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
    this.refreshComputeParams();
    const p = this.perturbation;
    for (let t = 1; t <= this.T; t++) {
      this.stepForward(t);
      if (p && p.t === t) {
        const h = this.hs[t]!;
        h[p.index] = h[p.index]! + p.delta;
      }
    }
    return this.loss(this.allSteps ? this.states : this.hs[this.T]!);
  }

  backward(): void {
    const q = this.q;
    const bh = this.B * this.H;
    const direct = this.dDirect;
    let dh = this.dh;
    let dhPrev = this.dhPrev;
    if (direct) {
      this.lossGradient(this.states, direct);
      dh.set(direct.subarray((this.T - 1) * bh));
    } else this.lossGradient(this.hs[this.T]!, dh);
    for (const g of this.grads) g.fill(0);
    this.beginBackward();
    for (let t = this.T; t >= 1; t--) {
      this.recordGradient(dh, this.hiddenGradNorms, this.hiddenGrads, t - 1);
      this.stepBackward(t, dh, dhPrev);
      if (t > 1) {
        if ((t - 1) % this.truncation === 0) {
          // window boundary: h_{t−1} is a constant for this window's backward pass
          dhPrev.fill(0);
          this.beginBackward();
        }
        if (direct) {
          const d = direct.subarray((t - 2) * bh, (t - 1) * bh);
          for (let i = 0; i < bh; i++) dhPrev[i] = dhPrev[i]! + d[i]!;
          if (q) q.roundArray(dhPrev);
        }
      }
      // step contribution: its norm, then accumulate (in float64; rounded to the master format below)
      let s = 0;
      this.stepGrads.forEach((sg, k) => {
        if (q) q.roundArray(sg);
        const n = norm2(sg);
        s += n * n;
        const g = this.grads[k]!;
        for (let i = 0; i < sg.length; i++) g[i] = g[i]! + sg[i]!;
      });
      this.stepWeightGradNorms[t - 1] = Math.sqrt(s) / this.lossScale;
      [dh, dhPrev] = [dhPrev, dh];
    }
    this.dh = dh;
    this.dhPrev = dhPrev;
    this.finishGradients([this.hiddenGradNorms, this.cellGradNorms]);
  }

  /** Per-step statistics of the last forward + backward pass (they also flag non-finite states). */
  snapshot(): Snapshot<{ model: "rnn" | "lstm" | "gru"; timesteps: TimestepStats[] }> {
    const timesteps: TimestepStats[] = [];
    for (let t = 1; t <= this.T; t++) {
      const h = this.hs[t]!;
      const { mean, std } = meanStd(h);
      if (!allFinite(h)) this.nonFinite = true;
      timesteps.push({
        t,
        hiddenGradNorm: this.hiddenGradNorms[t - 1]!,
        ...(this.cellGradNorms ? { cellGradNorm: this.cellGradNorms[t - 1]! } : {}),
        weightGradNorm: this.stepWeightGradNorms[t - 1]!,
        hiddenMean: mean,
        hiddenStd: std,
        saturation: this.saturation(h),
      });
    }
    const profile = { signal: this.hiddenGradNorms, weight: this.stepWeightGradNorms };
    return { stats: { model: this.kind, timesteps }, profile };
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
