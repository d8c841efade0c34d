/**
 * Transformer snapshot model (the contract's definition; the math is in README.md):
 *   x_0 ~ N(0, 1) (batch × seqLen tokens × dModel), no embeddings, no output projection;
 *   Attn(X) = concat_h(softmax(Q_h K_hᵀ·s, causal) V_h) W_o, Q = X W_q, K = X W_k, V = X W_v
 *   FFN(X) = act(X W_1) W_2;  LN per token over dModel (γ = 1, β = 0, eps 1e-5, biased variance)
 *   pre:  x ← x + Attn(LN(x)); x ← x + FFN(LN(x)); one final LN after the last block
 *   post: x ← LN(x + Attn(x)); x ← LN(x + FFN(x))
 *   none: x ← x + Attn(x);     x ← x + FFN(x)
 *   loss "all" = ½·(1/(batch·seqLen))·Σ_tokens ||out − y||²,  y ~ N(0, 1),  out = LN(x_L) (pre) or x_L;
 *   loss "last" = ½·(1/batch)·Σ_b ||out_{b,T} − y_{b,T}||² (each sequence's last position only)
 * Backward (δ = ∂loss/∂·), per block from the last, δx_l given:
 *   pre:  δf = δx_l; FFN back → δc; δx' = δx_l + LN′ᵀδc;   δattn = δx'; Attn back → δa; δx_{l−1} = δx' + LN′ᵀδa
 *   post: δz₂ = LN′ᵀδx_l; FFN back (input x') → δc; δz₁ = LN′ᵀ(δz₂ + δc); Attn back (input x_{l−1}) → δa; δx_{l−1} = δz₁ + δa
 *   none: δf = δx_l; FFN back → δc; δx' = δx_l + δc;       Attn back (input x_{l−1}) → δa; δx_{l−1} = δx' + δa
 * Per position t the result reports ||δx_l[·, t, ·]|| for every block and for the input x_0
 * (δx_0 is what the loop leaves after block 1): with loss "last" every position t < T is reached
 * only through attention, one hop per block whatever T − t is.
 * FFN back: δG = δf W_2ᵀ, δW_2 = Gᵀδf, δU = δG ⊙ act′(U), δW_1 = cᵀδU, δc = δU W_1ᵀ.
 * Attn back: δO = δattn W_oᵀ, δW_o = Oᵀδattn, per head attentionBackward (attention.ts),
 *   δW_q = aᵀδQ (k, v alike), δa = δQ W_qᵀ + δK W_kᵀ + δV W_vᵀ.
 * Init: xavier N(0, 2/(fan_in + fan_out)) or small N(0, 0.02²) for every matrix, drawn block by
 * block in the order W_q, W_k, W_v, W_o, W_1, W_2 from the weights stream.
 */
import { type Activation, activation, activationBackward, activationForward } from "./activations";
import {
  attentionBackward,
  attentionForward,
  attentionRowStats,
  type HeadBuffers,
  type HeadGradients,
} from "./attention";
import { addMatmulBt, kernelArray, matmul, matmulAt, matmulBt, scratchElements } from "./kernels/gemm";
import { norm2 } from "./linalg";
import { type Data, Model, type Snapshot } from "./model";
import { normBackward, normForward } from "./normalization";
import type { NumericContext } from "./precision";
import type { PositionStats, TransformerBlockStats } from "./result";
import { Rng, STREAM } from "./rng";
import type { TransformerConfig } from "./schema";
import { layerStatistics } from "./stats";

export type TransformerShape = Pick<
  TransformerConfig,
  | "depth"
  | "dModel"
  | "heads"
  | "seqLen"
  | "batch"
  | "ffnMult"
  | "ffnActivation"
  | "norm"
  | "attentionScale"
  | "causal"
  | "loss"
>;

/** The matrices of one block, in parameter order. */
export const BLOCK_MATRICES = ["wq", "wk", "wv", "wo", "w1", "w2"] as const;
const PER_BLOCK = BLOCK_MATRICES.length;
/** The "small" init's standard deviation (GPT-2's). */
export const SMALL_INIT_STD = 0.02;

/** Every block's W_q, W_k, W_v, W_o (d×d), W_1 (d×F), W_2 (F×d), F = ffnMult·d, block 1 first. */
export function transformerParams(c: TransformerConfig): Float64Array[] {
  const rng = new Rng(c.seed, STREAM.weights);
  const d = c.dModel;
  const F = c.ffnMult * d;
  const std = (fanIn: number, fanOut: number) =>
    c.init === "small" ? SMALL_INIT_STD : Math.sqrt(2 / (fanIn + fanOut));
  const out: Float64Array[] = [];
  // gemm operands: in the kernel's memory when an arena is open (transformerArena)
  // (fillNormal writes every element: no zero fill needed)
  const draw = (n: number, sd: number) => rng.fillNormal(kernelArray(n, { overwritten: true }), sd);
  for (let l = 0; l < c.depth; l++) {
    for (let k = 0; k < 4; k++) out.push(draw(d * d, std(d, d)));
    out.push(draw(d * F, std(d, F)));
    out.push(draw(F * d, std(F, d)));
  }
  return out;
}

/**
 * The kernel arena a run needs (simulate.ts inKernelArena): every gemm operand the model allocates
 * with kernelArray — the weights, their gradients (and fp16 copies), per block the stream, the
 * attention's Q, K, V, O, P, the LN outputs and the FFN hidden, and the scratch buffers — plus
 * 16-byte alignment, and the scratch of its largest product. What does not fit (e.g. an
 * optimizer's state) is an ordinary array.
 */
export function transformerArena(c: TransformerShape & Pick<TransformerConfig, "precision">): {
  elements: number;
  scratch: number;
} {
  const { depth: L, dModel: d, seqLen: T, heads: H, batch: B } = c;
  const F = c.ffnMult * d;
  const N = B * T;
  const weights = L * (4 * d * d + 2 * d * F) * (c.precision === "fp16" ? 3 : 2);
  const perBlock = 10 * N * d + B * H * T * T + 2 * N * F; // a, Q, K, V, O, mid, c, out (+ slack) ; P ; U, G
  const shared = 12 * N * d + N * F + T * T; // x_0, final LN, six token-major and four head-major scratch; FFN; δP
  const arrays = L * (11 + 3 * 6) + 12; // each may take one element of padding
  const dh = d / H;
  const scratch = Math.max(
    scratchElements(N, F, d),
    scratchElements(F, d, N),
    scratchElements(d, F, N),
    scratchElements(N, d, F),
    scratchElements(N, d, d),
    scratchElements(d, d, N),
    scratchElements(T, T, dh),
    scratchElements(T, dh, T),
  );
  return { elements: weights + L * perBlock + shared + arrays, scratch };
}

/** What forward keeps of one block for backward (N = batch·seqLen tokens). */
interface BlockState {
  /** the stream entering the block, x_{l−1} (N×d) — aliases the previous block's output */
  xIn: Float64Array;
  /** attention input: LN(x_{l−1}) for pre (its x̂), x_{l−1} itself otherwise */
  a: Float64Array;
  aInvStd: Float64Array;
  /** Q, K, V head-major (B·H blocks of T×d_h); P (B·H blocks of T×T); O token-major (N×d) */
  Q: Float64Array;
  K: Float64Array;
  V: Float64Array;
  P: Float64Array;
  O: Float64Array;
  /** the stream between the sublayers: x + Attn (pre, none), LN(x + Attn) (post) */
  mid: Float64Array;
  midInvStd: Float64Array;
  /** FFN input: LN(mid) for pre, mid otherwise */
  c: Float64Array;
  cInvStd: Float64Array;
  /** FFN hidden pre-activation U = c W_1 and G = act(U) (N×F) */
  U: Float64Array;
  G: Float64Array;
  /** the block's output x_l (N×d); post: LN(mid + FFN) */
  out: Float64Array;
  outInvStd: Float64Array;
}

/** One block's six matrices (weights or their gradients), by name. */
type BlockMatrices = Record<(typeof BLOCK_MATRICES)[number], Float64Array>;

function byBlock(tensors: Float64Array[], depth: number): BlockMatrices[] {
  return Array.from({ length: depth }, (_, l) => {
    const o = l * PER_BLOCK;
    const [wq, wk, wv, wo, w1, w2] = tensors.slice(o, o + PER_BLOCK) as [
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    return { wq, wk, wv, wo, w1, w2 };
  });
}

/** Rows (b, T) of a token-major N×d buffer: each sequence's last position (B×d). */
function lastPositions(
  src: Float64Array,
  B: number,
  T: number,
  d: number,
  dst: Float64Array = new Float64Array(B * d),
): Float64Array {
  for (let b = 0; b < B; b++) dst.set(src.subarray(((b + 1) * T - 1) * d, (b + 1) * T * d), b * d);
  return dst;
}

export class Transformer extends Model {
  /** ||∂loss/∂x_l|| for l = 1..depth (index l − 1), unscaled */
  readonly activationGradNorms: Float64Array;
  /** ||∂loss/∂x_l[·, t, ·]|| (l = 0 the input … depth; row l, column t − 1), unscaled */
  readonly positionGradNorms: Float64Array;
  /** optional copies of ∂loss/∂x_l, for tests */
  readonly activationGrads: Float64Array[] | null;
  /** optional copy of ∂loss/∂x_0, for tests */
  readonly inputGrad: Float64Array | null;
  /**
   * adds delta to x_l[index] during forward (after block l; l = 0: the input x_0, restored after
   * the pass): lets tests take finite differences in x_l
   */
  perturbation: { layer: number; index: number; delta: number } | null = null;

  private readonly shape: TransformerShape;
  private readonly act: Activation;
  private readonly B: number;
  private readonly T: number;
  private readonly d: number;
  private readonly H: number;
  private readonly dh: number;
  private readonly F: number;
  private readonly N: number;
  private readonly L: number;
  private readonly scale: number;
  private readonly x0: Float64Array;
  private readonly blocks: BlockState[];
  /** pre: the final LN's output and its inverse standard deviations */
  private readonly final: Float64Array;
  private readonly finalInvStd: Float64Array;
  /** loss "last": each sequence's last output row (B×d), gathered for the loss; null for "all" */
  private readonly lastOut: Float64Array | null;
  // scratch (N×d, N×F, head-major N×d, T×T)
  private readonly sD: Float64Array[];
  private readonly sF: Float64Array;
  private readonly sHead: Float64Array[];
  private readonly sTT: Float64Array;
  private readonly blockWeights: BlockMatrices[];
  private readonly blockGrads: BlockMatrices[];
  /** per block, each head's views of Q, K, V, P (made once: a pass allocates nothing per head) */
  private readonly headViews: HeadBuffers[][];
  /** each head's views of the shared head-major scratch for its gradients (δO shares O's buffer) */
  private readonly headGrads: HeadGradients[];

  constructor(
    shape: TransformerShape,
    params: Float64Array[],
    data: Data,
    ctx: NumericContext = { q: null, lossScale: 1 },
    keepActivationGrads = false,
  ) {
    const N = shape.batch * shape.seqLen;
    const last = shape.loss === "last";
    // "last": the Model's loss sees only the last rows (B of them) and their targets
    super(
      params,
      last ? lastPositions(data.y, shape.batch, shape.seqLen, shape.dModel) : data.y,
      last ? shape.batch : N,
      ctx,
    );
    this.shape = shape;
    this.B = shape.batch;
    this.T = shape.seqLen;
    this.d = shape.dModel;
    this.H = shape.heads;
    this.dh = shape.dModel / shape.heads;
    this.F = shape.ffnMult * shape.dModel;
    this.N = N;
    this.L = shape.depth;
    this.scale = shape.attentionScale === "sqrt" ? 1 / Math.sqrt(this.dh) : 1;
    this.act = activation(shape.ffnActivation);
    const nd = N * this.d;
    const nf = N * this.F;
    const tt = this.B * this.H * this.T * this.T;
    const vec = (n: number) => new Float64Array(n);
    // gemm operands: in the kernel's memory when an arena is open. Every one of these buffers is
    // written in full by each pass before it is read (forward writes the per-block ones, backward
    // its scratch before use), so the arena need not zero them (tests/unit/kernels/arena.test.ts
    // runs a config after a diverged one of the same shape, which leaves non-finite values there).
    const buf = (n: number) => kernelArray(n, { overwritten: true });
    this.x0 = buf(data.x.length);
    this.x0.set(data.x);
    if (ctx.q) ctx.q.roundArray(this.x0);
    const pre = shape.norm === "pre";
    const post = shape.norm === "post";
    this.blocks = [];
    let xIn = this.x0;
    for (let l = 0; l < this.L; l++) {
      const out = buf(nd);
      const mid = buf(nd);
      this.blocks.push({
        xIn,
        a: pre ? buf(nd) : xIn,
        aInvStd: vec(pre ? N : 0),
        Q: buf(nd),
        K: buf(nd),
        V: buf(nd),
        P: buf(tt),
        O: buf(nd),
        mid,
        midInvStd: vec(post ? N : 0),
        c: pre ? buf(nd) : mid,
        cInvStd: vec(pre ? N : 0),
        U: buf(nf),
        G: buf(nf),
        out,
        outInvStd: vec(post ? N : 0),
      });
      xIn = out;
    }
    this.final = vec(pre ? nd : 0);
    this.finalInvStd = vec(pre ? N : 0);
    this.sD = Array.from({ length: 6 }, () => buf(nd));
    this.sF = buf(nf);
    this.sHead = Array.from({ length: 4 }, () => buf(nd));
    this.sTT = buf(this.T * this.T);
    this.activationGradNorms = vec(this.L);
    this.positionGradNorms = vec((this.L + 1) * this.T);
    this.activationGrads = keepActivationGrads ? Array.from({ length: this.L }, () => vec(nd)) : null;
    this.inputGrad = keepActivationGrads ? vec(nd) : null;
    this.lastOut = last ? vec(this.B * this.d) : null;
    this.blockWeights = byBlock(this.computeParams, this.L);
    this.blockGrads = byBlock(this.grads, this.L);
    const n = this.T * this.dh;
    const heads = this.B * this.H;
    const view = (buf: Float64Array, k: number, size: number) => buf.subarray(k * size, (k + 1) * size);
    const pp = this.T * this.T;
    this.headViews = this.blocks.map((b) =>
      Array.from({ length: heads }, (_, k) => ({
        Q: view(b.Q, k, n),
        K: view(b.K, k, n),
        V: view(b.V, k, n),
        P: view(b.P, k, pp),
        O: view(this.sHead[0]!, k, n),
      })),
    );
    const [dO, dQ, dK, dV] = this.sHead as [Float64Array, Float64Array, Float64Array, Float64Array];
    this.headGrads = Array.from({ length: heads }, (_, k) => ({
      dO: view(dO, k, n),
      dQ: view(dQ, k, n),
      dK: view(dK, k, n),
      dV: view(dV, k, n),
      dP: this.sTT,
    }));
  }

  /** Block l's (0-based) matrices in the compute format. */
  private weights(l: number): BlockMatrices {
    return this.blockWeights[l]!;
  }

  /** Block l's gradient tensors (the same buffers every pass). */
  private grad(l: number): BlockMatrices {
    return this.blockGrads[l]!;
  }

  /** The network's output: the final LN (pre) or the last block's stream. */
  private output(): Float64Array {
    return this.shape.norm === "pre" ? this.final : this.blocks[this.L - 1]!.out;
  }

  forward(): number {
    const { N, d, q } = this;
    this.refreshComputeParams();
    const norm = this.shape.norm;
    const p0 = this.perturbation?.layer === 0 ? this.perturbation : null;
    const x0Old = p0 ? this.x0[p0.index]! : 0;
    if (p0) this.x0[p0.index] = x0Old + p0.delta;
    for (let l = 0; l < this.L; l++) {
      const s = this.blocks[l]!;
      const w = this.weights(l);
      const attn = this.sD[0]!;
      const f = this.sD[1]!;
      if (norm === "pre") normForward("layer", s.xIn, s.a, s.aInvStd, N, d, q);
      this.attentionForward(l, w, attn);
      const sum = norm === "post" ? this.sD[2]! : s.mid;
      add(s.xIn, attn, sum, q);
      if (norm === "post") normForward("layer", sum, s.mid, s.midInvStd, N, d, q);
      if (norm === "pre") normForward("layer", s.mid, s.c, s.cInvStd, N, d, q);
      this.ffnForward(s, w, f);
      if (norm === "post") {
        add(s.mid, f, sum, q);
        normForward("layer", sum, s.out, s.outInvStd, N, d, q);
      } else add(s.mid, f, s.out, q);
      const p = this.perturbation;
      if (p && p.layer === l + 1) s.out[p.index] = s.out[p.index]! + p.delta;
    }
    if (norm === "pre") normForward("layer", this.blocks[this.L - 1]!.out, this.final, this.finalInvStd, N, d, q);
    if (p0) this.x0[p0.index] = x0Old;
    const out = this.output();
    return this.loss(this.lastOut ? lastPositions(out, this.B, this.T, d, this.lastOut) : out);
  }

  /** δout of the loss: every token's ("all"), or the last rows' with 0 elsewhere ("last"). */
  private outputGradient(dOut: Float64Array): void {
    const out = this.output();
    const last = this.lastOut;
    if (!last) {
      this.lossGradient(out, dOut);
      return;
    }
    const { B, T, d } = this;
    lastPositions(out, B, T, d, last);
    const dLast = this.sD[1]!.subarray(0, B * d);
    this.lossGradient(last, dLast);
    dOut.fill(0);
    for (let b = 0; b < B; b++) dOut.set(dLast.subarray(b * d, (b + 1) * d), ((b + 1) * T - 1) * d);
  }

  /** Row l of positionGradNorms from δx_l (token-major N×d), unscaled. */
  private recordPositions(dx: Float64Array, l: number): void {
    const { B, T, d } = this;
    const row = l * T;
    for (let t = 0; t < T; t++) {
      let ss = 0;
      for (let b = 0; b < B; b++) {
        const o = (b * T + t) * d;
        for (let e = 0; e < d; e++) ss += dx[o + e]! * dx[o + e]!;
      }
      this.positionGradNorms[row + t] = Math.sqrt(ss) / this.lossScale;
    }
  }

  /** attn = concat_h(P_h V_h) W_o from the block's attention input a. */
  private attentionForward(l: number, w: BlockMatrices, attn: Float64Array): void {
    const { N, d, q } = this;
    const s = this.blocks[l]!;
    const tok = this.sD[3]!;
    for (const [W, dst] of [
      [w.wq, s.Q],
      [w.wk, s.K],
      [w.wv, s.V],
    ] as const) {
      matmul(s.a, W, tok, N, d, d); // X W (token-major)
      if (q) q.roundArray(tok);
      this.toHeads(tok, dst);
    }
    for (const h of this.headViews[l]!) attentionForward(h, this.T, this.dh, this.scale, this.shape.causal, q); // O into sHead[0]
    this.fromHeads(this.sHead[0]!, s.O);
    matmul(s.O, w.wo, attn, N, d, d); // O W_o
    if (q) q.roundArray(attn);
  }

  private ffnForward(s: BlockState, w: BlockMatrices, f: Float64Array): void {
    const { N, d, F, q } = this;
    matmul(s.c, w.w1, s.U, N, F, d); // U = c W_1
    if (q) q.roundArray(s.U);
    activationForward(this.act, s.U, s.G, N * F);
    if (q) q.roundArray(s.G);
    matmul(s.G, w.w2, f, N, d, F); // f = G W_2
    if (q) q.roundArray(f);
  }

  backward(): void {
    const { N, d, q } = this;
    const norm = this.shape.norm;
    let dx = this.sD[4]!; // δ of the stream leaving the current block
    let dxPrev = this.sD[5]!;
    const dOut = this.sD[0]!;
    this.outputGradient(dOut);
    if (norm === "pre") normBackward("layer", this.final, this.finalInvStd, dOut, dx, N, d, q);
    else dx.set(dOut);
    for (let l = this.L - 1; l >= 0; l--) {
      const s = this.blocks[l]!;
      const w = this.weights(l);
      const g = this.grad(l);
      this.recordGradient(dx, this.activationGradNorms, this.activationGrads, l);
      this.recordPositions(dx, l + 1);
      const dMid = this.sD[1]!;
      const dc = this.sD[2]!;
      const tmp = this.sD[3]!;
      if (norm === "post") {
        normBackward("layer", s.out, s.outInvStd, dx, tmp, N, d, q); // δz₂
        this.ffnBackward(s, w, g, tmp, dc);
        add(tmp, dc, dMid, q); // δx' = δz₂ + δc
        normBackward("layer", s.mid, s.midInvStd, dMid, tmp, N, d, q); // δz₁ = δattn = residual part of δx_{l−1}
        this.attentionBackward(l, w, g, tmp, dc); // δa into dc
        add(tmp, dc, dxPrev, q);
      } else {
        this.ffnBackward(s, w, g, dx, dc);
        if (norm === "pre") {
          normBackward("layer", s.c, s.cInvStd, dc, tmp, N, d, q);
          add(dx, tmp, dMid, q);
        } else add(dx, dc, dMid, q);
        this.attentionBackward(l, w, g, dMid, dc); // δa
        if (norm === "pre") {
          normBackward("layer", s.a, s.aInvStd, dc, tmp, N, d, q);
          add(dMid, tmp, dxPrev, q);
        } else add(dMid, dc, dxPrev, q);
      }
      [dx, dxPrev] = [dxPrev, dx];
    }
    this.recordPositions(dx, 0); // δx_0
    if (this.inputGrad) for (let j = 0; j < dx.length; j++) this.inputGrad[j] = dx[j]! / this.lossScale;
    this.finishGradients([this.activationGradNorms, this.positionGradNorms]);
  }

  /** FFN backward from δf: the gradients of W_1, W_2 and δc (the FFN input's gradient). */
  private ffnBackward(s: BlockState, w: BlockMatrices, g: BlockMatrices, df: Float64Array, dc: Float64Array): void {
    const { N, d, F, q } = this;
    const dG = this.sF;
    matmulAt(s.G, df, g.w2, F, d, N); // δW_2 = Gᵀ δf
    matmulBt(df, w.w2, dG, N, F, d); // δG = δf W_2ᵀ
    if (q) {
      q.roundArray(g.w2);
      q.roundArray(dG);
    }
    activationBackward(this.act, s.U, s.G, dG, dG, N * F); // δU (in place)
    if (q) q.roundArray(dG);
    matmulAt(s.c, dG, g.w1, d, F, N); // δW_1 = cᵀ δU
    matmulBt(dG, w.w1, dc, N, d, F); // δc = δU W_1ᵀ
    if (q) {
      q.roundArray(g.w1);
      q.roundArray(dc);
    }
  }

  /** Attention backward from δattn: the gradients of W_q, W_k, W_v, W_o and δa (the attention input's gradient). */
  private attentionBackward(
    l: number,
    w: BlockMatrices,
    g: BlockMatrices,
    dAttn: Float64Array,
    da: Float64Array,
  ): void {
    const { N, d, q } = this;
    const s = this.blocks[l]!;
    const tok = this.sD[3] === dAttn ? this.sD[1]! : this.sD[3]!; // token-major scratch, never dAttn
    matmulAt(s.O, dAttn, g.wo, d, d, N); // δW_o = Oᵀ δattn
    matmulBt(dAttn, w.wo, tok, N, d, d); // δO = δattn W_oᵀ
    if (q) {
      q.roundArray(g.wo);
      q.roundArray(tok);
    }
    const [dOh, dQh, dKh, dVh] = this.sHead as [Float64Array, Float64Array, Float64Array, Float64Array];
    this.toHeads(tok, dOh);
    const views = this.headViews[l]!;
    for (let k = 0; k < views.length; k++)
      attentionBackward(views[k]!, this.headGrads[k]!, this.T, this.dh, this.scale, q);
    let first = true;
    for (const [dh, W, dW] of [
      [dQh, w.wq, g.wq],
      [dKh, w.wk, g.wk],
      [dVh, w.wv, g.wv],
    ] as const) {
      this.fromHeads(dh, tok);
      matmulAt(s.a, tok, dW, d, d, N); // δW = aᵀ δQ (K, V alike)
      if (q) q.roundArray(dW);
      if (first)
        matmulBt(tok, W, da, N, d, d); // δa = δQ W_qᵀ + δK W_kᵀ + δV W_vᵀ
      else addMatmulBt(tok, W, da, N, d, d);
      first = false;
    }
    if (q) q.roundArray(da);
  }

  /** Token-major (b, t, h·d_h + e) → head-major (b, h, t, e). */
  private toHeads(src: Float64Array, dst: Float64Array): void {
    const { B, T, H, dh, d } = this;
    for (let b = 0; b < B; b++)
      for (let h = 0; h < H; h++) {
        const ho = (b * H + h) * T * dh;
        for (let t = 0; t < T; t++) {
          const so = (b * T + t) * d + h * dh;
          const dO = ho + t * dh;
          for (let e = 0; e < dh; e++) dst[dO + e] = src[so + e]!;
        }
      }
  }

  /** Head-major → token-major (the inverse of toHeads). */
  private fromHeads(src: Float64Array, dst: Float64Array): void {
    const { B, T, H, dh, d } = this;
    for (let b = 0; b < B; b++)
      for (let h = 0; h < H; h++) {
        const ho = (b * H + h) * T * dh;
        for (let t = 0; t < T; t++) {
          const dO = (b * T + t) * d + h * dh;
          const so = ho + t * dh;
          for (let e = 0; e < dh; e++) dst[dO + e] = src[so + e]!;
        }
      }
  }

  /** Per-block statistics of the last forward + backward pass (they also flag non-finite activations). */
  snapshot(): Snapshot<{ model: "transformer"; layers: TransformerBlockStats[]; positions: PositionStats[] }> {
    const nd = this.N * this.d;
    const rows = this.B * this.H * this.T;
    const layers: TransformerBlockStats[] = [];
    for (let l = 0; l < this.L; l++) {
      const s = this.blocks[l]!;
      const g = this.grad(l);
      const norms = Object.fromEntries(BLOCK_MATRICES.map((k) => [k, norm2(g[k])])) as Record<
        (typeof BLOCK_MATRICES)[number],
        number
      >;
      const weightGradNorm = Math.hypot(...BLOCK_MATRICES.map((k) => norms[k]));
      let entropy = 0;
      let maxProb = 0;
      for (const h of this.headViews[l]!) {
        const r = attentionRowStats(h.P, this.T);
        entropy += r.entropy;
        maxProb += r.maxProb;
      }
      const { mean, std, histogram, nonFinite } = layerStatistics(s.out, nd); // one fused pass pair, the same bits
      if (nonFinite > 0) this.nonFinite = true;
      layers.push({
        layer: l + 1,
        weightGradNorm,
        weightGradNorms: norms,
        activationGradNorm: this.activationGradNorms[l]!,
        positionGradNorms: Array.from(this.positionGradNorms.subarray((l + 1) * this.T, (l + 2) * this.T)),
        attentionEntropy: entropy / rows,
        attentionMaxProb: maxProb / rows,
        activationMean: mean,
        activationStd: std,
        histogram,
      });
    }
    const weight = layers.map((b) => b.weightGradNorm);
    const positions = Array.from({ length: this.T }, (_, t) => ({
      t: t + 1,
      inputGradNorm: this.positionGradNorms[t]!,
    }));
    return {
      stats: { model: "transformer", layers, positions },
      profile: { signal: this.activationGradNorms, weight },
    };
  }
}

/** out = a + b elementwise (out may alias neither or either input), rounded to the compute format. */
function add(a: Float64Array, b: Float64Array, out: Float64Array, q: NumericContext["q"]): void {
  for (let i = 0; i < out.length; i++) out[i] = a[i]! + b[i]!;
  if (q) q.roundArray(out);
}
