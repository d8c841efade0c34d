/**
 * Cost model: every bound exists because cost grows with it. A run's cost is estimated in
 * "flop-equivalents": the exact multiply-add count of its matrix products (2·m·n·k each), plus
 * per-element work (activations, normalisation, rounding, statistics) and per-gemm-call overhead
 * weighted by what they cost here relative to a gemm flop (measured, see README). The run is
 * (train.steps + 1) forward+backward passes (the +1 is the final snapshot) plus the setup
 * (random draws, orthogonal init, the RNN's spectral radius).
 *
 * FLOP_BUDGET is chosen so that the most expensive allowed run of each family finishes within
 * ≈ 2 s single-threaded here with the current gemm kernel (measured with
 * tests/unit/sim/calibrate-cost.ts; figures in README.md).
 */
import type { OptimizerName } from "./choices";
import type { SimConfig, TransformerConfig } from "./schema";

export const FLOP_BUDGET = 5e9;
/**
 * What one embedded run may cost — a question's scenario, a drill problem's runs together: about
 * 50 ms, since FLOP_BUDGET is calibrated to ≈ 2 s.
 */
export const SCENARIO_FLOP_BUDGET = FLOP_BUDGET * (50 / 2000);
/** Stored activations for backprop; bounded so a few concurrent workers stay well under 1 GB. */
export const MEMORY_BUDGET_BYTES = 256 * 1024 * 1024;

// Weights in flop-equivalents (1 ≈ one multiply-add's flop inside a large gemm, ~0.1 ns here).
/** Packing/reading one element of A, B or C in a gemm call. */
const GEMM_ELEMENT = 10;
/** Fixed cost of one gemm call. */
const GEMM_CALL = 3000;
/** One element through one layer or time step, forward + backward, float64, cheap activation. */
const ELEMENT = 300;
/** Extra per element for transcendental activations (gelu: erf by series, twice). */
const ACTIVATION_EXTRA: Record<string, number> = { gelu: 3000, sigmoid: 150, tanh: 150, elu: 150, selu: 150 };
const NORM_EXTRA = 300;
/** Extra per element when rounding every op's output (≈ 10 roundings per element per pass). */
const ROUNDING_EXTRA = { fp64: 0, fp32: 300, fp16: 2000 } as const;
/** Fixed bookkeeping per layer or time step per pass (loops, norms, statistics). */
const STEP_FIXED = 3000;
/** One token-stream element (N·d) per block per pass: LayerNorms, residual adds, head rearrangements. */
const TOKEN_ELEMENT = 1500;
/** One attention probability (B·H·T²) per block per pass: softmax (exp), its backward, entropy (log). */
const ATTENTION_ELEMENT = 300;
/**
 * One token-stream element per reported stream (the input and every block) per pass: the
 * per-position gradient norms, a sum of squares (not fitted: a small share next to TOKEN_ELEMENT).
 */
const POSITION_NORM_ELEMENT = 20;
/** Bookkeeping per head per block per pass (views, ten small gemm calls' set-up). */
const HEAD_FIXED = 3000;
/**
 * Blocked Householder QR on the gemm kernel (qr.ts), its intermediates in the kernel's memory:
 * 5.5–6 n³ flop-equivalents at width 256 against the other MLP runs timed in the same process
 * (tests/unit/sim/cost-model.test.ts; 7.6–8 ms per 256×256 inside simulate() at load 4,
 * 2026-12-02); 7–9.4 before, with its operands copied through the kernel's scratch.
 */
const QR_PER_N3 = 6;

/**
 * Per parameter and training step: gradient norm(s), clipping and the optimizer's update — loops
 * over every parameter, several times. Re-fitted (issue 9) on small-batch recurrent nets trained
 * for many steps, where these loops, not the matrix products, are the run: a 128-unit RNN, batch
 * 1, 2,000 Adam steps with value clipping was estimated at 4.5 G and took 1.5–3.1 s.
 */
// AdamW: Adam's loops plus the decoupled weight-decay pass over every parameter (estimated, not fitted).
const UPDATE_PER_PARAM: Record<OptimizerName, number> = { sgd: 70, momentum: 100, adam: 180, adamw: 200 };
const CLIP_PER_PARAM = { none: 0, norm: 30, value: 50 } as const;
/**
 * The optimizer's per-tensor step norm ‖Δθ‖ (stepNorm), accumulated in its update loop: a
 * subtraction and a multiply-add per parameter. Measured against the loop without it (256²×8
 * parameters, median of 9 interleaved runs under load 10, 2026-12-01): +16 % sgd, +7 % momentum,
 * +5 % adam of the loop alone — about 5 flop-equivalents per parameter and step.
 */
const STEP_NORM_PER_PARAM = 5;
/**
 * Recurrent nets, per parameter and training step, on top of the above: the cell's gradient is
 * gathered from per-step contributions kept apart (for weightGradNorm), and the global norm's
 * scaled two-pass loop (a division per parameter) runs over it. Fitted 2026-12-02 (issue 15) on
 * the slope between 100 and 300 steps at batch 1 (CPU time, in the reference MLP's ms per
 * flop-equivalent of the same run, load 11): gru h128 sgd 403 measured against 149 estimated per
 * parameter and step, gru adam 553/259, rnn h128 sgd 372/157; the MLP at batch 8 335/193 (sgd) —
 * not raised there, where the transformer and MLP scenario budgets are tight and its share of a
 * run is smaller. With it: 399, 509, 407; gru h128 b1 sgd at 100 % of the budget goes from 664 to
 * 248 steps.
 */
const RECURRENT_UPDATE_PER_PARAM = 250;
/** Fixed work per training step (the step's loss, history entry, buffers), measured on the smallest nets. */
const TRAIN_STEP_FIXED = 150_000;

/** Weight blocks per recurrent cell: W·x has G·hidden rows (the RNN's one, the LSTM's i f g o, the GRU's r z n). */
const GATES = { rnn: 1, lstm: 4, gru: 3 } as const;

/** Cost of one gemm call C(m×n) = A(m×k)·B(k×n). */
export function gemmCost(m: number, n: number, k: number): number {
  return 2 * m * n * k + GEMM_ELEMENT * (m * k + k * n + m * n) + GEMM_CALL;
}

/**
 * The Transformer's pass (N = batch·seqLen tokens, F = ffnMult·d): per block the projections
 * (Q, K, V, W_o: N×d×d each), the FFN (N×d×F twice), and per head the scores and the mix
 * (T×T×d_h each: attention is O(T²·d_h) per head, O(T²·d) per block), every product three times
 * (forward, and the two backward products); plus per-element work on the token stream (N·d:
 * LayerNorms, residual adds, head rearrangements), the FFN hidden (N·F) and the attention
 * probabilities (B·H·T²: softmax, its Jacobian, the row statistics); and the per-position
 * gradient norms of the input and of every block's output.
 */
function transformerPassCost(c: TransformerConfig): number {
  const round = ROUNDING_EXTRA[c.precision];
  const { batch: B, seqLen: T, dModel: d, heads: H, depth: L } = c;
  const N = B * T;
  const F = c.ffnMult * d;
  const dh = d / H;
  const proj = gemmCost(N, d, d) + gemmCost(d, d, N) + gemmCost(N, d, d); // forward, δW, δinput
  const ffn =
    gemmCost(N, F, d) +
    gemmCost(d, F, N) +
    gemmCost(N, d, F) +
    gemmCost(F, d, N) +
    gemmCost(N, F, d) +
    gemmCost(N, d, F);
  const heads = B * H * (3 * gemmCost(T, T, dh) + 3 * gemmCost(T, dh, T));
  const gemms = L * (4 * proj + ffn + heads);
  const stream = N * d * (TOKEN_ELEMENT + round) * (c.norm === "none" ? 1 : 1.5);
  const hidden = N * F * (ELEMENT + round + (ACTIVATION_EXTRA[c.ffnActivation] ?? 0));
  const probs = B * H * T * T * (ATTENTION_ELEMENT + round);
  const perHead = B * H * HEAD_FIXED;
  const positionNorms = (L + 1) * N * d * POSITION_NORM_ELEMENT;
  return (
    gemms +
    L * (stream + hidden + probs + perHead + STEP_FIXED) +
    positionNorms +
    transformerParamCount(c) * (ELEMENT / 10 + round / 10)
  );
}

function passCost(c: SimConfig): number {
  const round = ROUNDING_EXTRA[c.precision];
  if (c.model === "transformer") return transformerPassCost(c);
  if (c.model === "mlp") {
    const { batch: B, width: N, depth: D } = c;
    // forward z = h Wᵀ; backward δW = δzᵀ h and δh = δz W (not for layer 1)
    const gemms = D * (gemmCost(B, N, N) + gemmCost(N, N, B)) + (D - 1) * gemmCost(B, N, N);
    const perElement = ELEMENT + round + (ACTIVATION_EXTRA[c.activation] ?? 0) + (c.norm === "none" ? 0 : NORM_EXTRA);
    return gemms + B * N * D * perElement + N * N * D * (ELEMENT / 10 + round / 10) + D * STEP_FIXED;
  }
  const { batch: B, hidden: H, inputs: I, steps: T } = c;
  const G = GATES[c.model];
  // forward x·W_ihᵀ, h·W_hhᵀ; backward δW_ih, δW_hh, δh (the step contributions are kept apart)
  const gemms = T * (gemmCost(B, G * H, I) + 2 * gemmCost(B, G * H, H) + gemmCost(G * H, I, B) + gemmCost(G * H, H, B));
  const perElement = (ELEMENT + round + 150) * (G + 1);
  const params = G * H * (I + H + 2);
  return gemms + T * B * H * perElement + T * params * (ELEMENT / 10 + round / 10) + T * STEP_FIXED * (1 + G);
}

/**
 * Drawing one Gaussian (sfc32 + Box–Muller, the wasm SIMD kernel) for weights and data: 3.3 M in
 * 40–50 ms, ≈ 170 flop-equivalents each against the reference MLP's pass in the same run
 * (2026-12-02); 300 before, fitted to the scalar Box–Muller.
 */
const DRAW = 170;

function setupCost(c: SimConfig): number {
  if (c.model === "transformer") return (transformerParamCount(c) + 2 * c.batch * c.seqLen * c.dModel) * DRAW;
  const draws =
    c.model === "mlp"
      ? paramCount(c) + 2 * c.batch * c.width
      : paramCount(c) + c.batch * (c.steps * c.inputs + (c.loss === "all" ? c.steps : 1) * c.hidden);
  if (c.model === "mlp") {
    const orthogonal = c.init === "orthogonal" || c.init === "lsuv";
    // LSUV: at most two forward evaluations of each layer on the batch (z is linear in W, so one rescaling lands)
    const lsuv =
      c.init === "lsuv" ? 2 * c.depth * (gemmCost(c.batch, c.width, c.width) + c.batch * c.width * ELEMENT) : 0;
    return draws * DRAW + (orthogonal ? QR_PER_N3 * c.width ** 3 * c.depth : 0) + lsuv;
  }
  if (c.model !== "rnn") return draws * DRAW;
  const n = c.hidden;
  // ρ(G) by 32 squarings (gaussian); the QR (orthogonal); nothing to draw or measure (identity)
  const whh =
    c.recurrentInit === "gaussian" ? 32 * gemmCost(n, n, n) : c.recurrentInit === "orthogonal" ? QR_PER_N3 * n ** 3 : 0;
  return draws * DRAW + whh;
}

function transformerParamCount(c: TransformerConfig): number {
  return c.depth * (4 + 2 * c.ffnMult) * c.dModel * c.dModel;
}

function paramCount(c: SimConfig): number {
  if (c.model === "transformer") return transformerParamCount(c);
  if (c.model === "mlp") return c.width * c.width * c.depth;
  const G = GATES[c.model];
  return G * c.hidden * (c.inputs + c.hidden + 2);
}

/** Estimated flop-equivalents of the whole run (what FLOP_BUDGET bounds). */
export function estimateFlops(c: SimConfig): number {
  const passes = (c.train?.steps ?? 0) + 1;
  const update = c.train
    ? c.train.steps *
      (paramCount(c) *
        (UPDATE_PER_PARAM[c.train.optimizer] +
          CLIP_PER_PARAM[c.train.clip.mode] +
          STEP_NORM_PER_PARAM +
          (c.model === "rnn" || c.model === "lstm" || c.model === "gru" ? RECURRENT_UPDATE_PER_PARAM : 0)) +
        TRAIN_STEP_FIXED)
    : 0;
  return Math.round(passes * passCost(c) + update + setupCost(c));
}

/** Bytes of the buffers kept for backprop plus parameters, gradients, fp16 copies and optimizer state. */
export function estimateMemoryBytes(c: SimConfig): number {
  const copies =
    2 +
    (c.precision === "fp16" ? 1 : 0) +
    (c.train?.optimizer === "adam" || c.train?.optimizer === "adamw" ? 2 : c.train?.optimizer === "momentum" ? 1 : 0);
  const params = paramCount(c) * 8 * copies;
  if (c.model === "transformer") {
    const N = c.batch * c.seqLen;
    const perBlock = N * c.dModel * 9 + N * c.ffnMult * c.dModel * 2 + c.batch * c.heads * c.seqLen ** 2;
    return (c.depth * perBlock + N * c.dModel * 10) * 8 + params;
  }
  if (c.model === "mlp") return c.batch * c.width * (c.depth + 1) * 3 * 8 + params;
  const G = GATES[c.model];
  return c.steps * c.batch * (c.inputs + c.hidden * (G + 3)) * 8 + params;
}

const fmt = (x: number): string => (x >= 1e9 ? `${(x / 1e9).toFixed(2)} G` : `${(x / 1e6).toFixed(1)} M`);

/** null if the run fits, else a message saying why it is refused and what to reduce. */
export function checkBudget(c: SimConfig): string | null {
  const reduce =
    c.model === "mlp"
      ? "depth, width or batch"
      : c.model === "transformer"
        ? "depth, dModel, seqLen or batch"
        : "steps, hidden, inputs or batch";
  const trainHint = c.train
    ? `, or train.steps (${c.train.steps} training steps each cost a forward+backward pass)`
    : "";
  const flops = estimateFlops(c);
  if (flops > FLOP_BUDGET)
    return `this run would cost an estimated ${fmt(flops)}FLOP, over the limit of ${fmt(FLOP_BUDGET)}FLOP (about 2 s of compute); reduce ${reduce}${trainHint}`;
  const bytes = estimateMemoryBytes(c);
  if (bytes > MEMORY_BUDGET_BYTES)
    return `this run would keep an estimated ${(bytes / 2 ** 20).toFixed(0)} MB of activations for backprop, over the limit of ${MEMORY_BUDGET_BYTES / 2 ** 20} MB; reduce ${reduce}`;
  return null;
}
