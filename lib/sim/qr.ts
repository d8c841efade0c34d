/**
 * Orthogonal init's QR, blocked so that most of its flops run in the gemm kernel (LAPACK's
 * dgeqrf + dorgqr in compact-WY form; Schreiber & Van Loan, "A storage-efficient WY
 * representation for products of Householder transformations", 1989):
 *
 *   for each panel of QR_BLOCK columns:
 *     factor the panel with Householder reflectors H_k = I − τ_k v_k v_kᵀ (v_k[k] = 1), one
 *       column at a time (level 2: the panel's own columns only);
 *     T, upper triangular with H_j0 ⋯ H_j1−1 = I − V T Vᵀ (dlarft), from the Gram matrix VᵀV;
 *     the trailing columns C ← (I − V T Vᵀ)ᵀ C = C − V (Tᵀ (Vᵀ C))          (two gemms)
 *   Q = H_0 H_1 ⋯ H_n−1 · I, block by block from the last: Q ← (I − V T Vᵀ) Q (two gemms each,
 *     on the trailing block only — the rest of Q is still the identity there);
 *   the sign fix Q ← Q·diag(sign R_kk), which makes Q unique (Haar-distributed for Gaussian A) —
 *     applied first, as Q's starting value diag(sign R_kk) (same bits, see orthogonalFromQr).
 *
 * The matrix is worked on transposed, so that every column of A — a Householder vector, a panel
 * column — is a contiguous row. Numerically as orthogonal as the unblocked Householder QR
 * (linalg.ts householderQ, the tests' reference): ‖QᵀQ − I‖ ~ 1e-15, and the same Q to ~1e-13.
 */
import { gemm, kernelArray, matmul, scratchElements, withKernelTemporaries } from "./kernels/gemm";
import { norm2 } from "./linalg";

/** Panel width: the gemm products' inner dimension. Measured at width 256: 16 and 24 beat 32 by ~10 %, 48 is 40 % slower (the panel's scalar work grows with it). */
const QR_BLOCK = 16;

interface BlockReflector {
  /** first column of the panel */
  j0: number;
  /** reflectors in it */
  nb: number;
  /** nb × (n − j0): row i is v_{j0+i} from row j0 on (zeros before i, 1 at i) */
  V: Float64Array;
  /** nb × nb, upper triangular: the product of the panel's reflectors is I − Vᵀ-rows·T·V-rows */
  T: Float64Array;
}

/**
 * The doubles of kernel memory orthogonalFromQr(·, n) works in (gemm.ts kernelArray, each array
 * padded to 16 bytes): the transposed matrix and Q, each panel's V, Gram matrix and T, the
 * products' intermediates. Reserve them in an arena (mlp.ts mlpArena) and its products need no
 * copies.
 */
export function qrArenaElements(n: number): number {
  const pad = (len: number) => len + (len & 1);
  let total = 2 * pad(n * n) + pad(2 * n * QR_BLOCK);
  for (let j0 = 0; j0 < n; j0 += QR_BLOCK) {
    const nb = Math.min(QR_BLOCK, n - j0);
    total += pad(nb * (n - j0)) + 2 * pad(nb * nb);
  }
  return total;
}

/**
 * Q of A = QR for a square n×n row-major A, with the sign fix (see the header), written to `out`
 * (which may be A). Its intermediates live in the kernel's memory (inside an open arena if it
 * reserved qrArenaElements(n), else an arena of their own), so its products copy nothing.
 */
export function orthogonalFromQr(
  A: Float64Array,
  n: number,
  out: Float64Array = new Float64Array(n * n),
): Float64Array {
  withKernelTemporaries(qrArenaElements(n), scratchElements(n, n, n), () => {
    const b = transpose(A, n); // row j of b is column j of A
    const signs = new Float64Array(n);
    const blocks: BlockReflector[] = [];
    const work = kernelArray(2 * n * QR_BLOCK); // the products' intermediates X and Y
    for (let j0 = 0; j0 < n; j0 += QR_BLOCK) {
      const block = factorPanel(b, n, j0, Math.min(QR_BLOCK, n - j0), signs);
      blocks.push(block);
      const j1 = j0 + block.nb;
      if (j1 < n) applyToTrailingColumns(b, n, block, j1, work);
    }
    // Q·diag(s) = H_0 ⋯ H_n−1 · diag(s): start from diag(s) instead of I — the same bits, since
    // the products are linear in each column and rounding is symmetric in sign (s = ±1).
    const Q = kernelArray(n * n);
    for (let i = 0; i < n; i++) Q[i * n + i] = signs[i]!;
    for (let k = blocks.length - 1; k >= 0; k--) applyToQ(Q, n, blocks[k]!, work);
    out.set(Q);
  });
  return out;
}

/** Aᵀ of a square row-major A, in 16×16 tiles (both arrays are walked in cache-sized pieces). */
function transpose(A: Float64Array, n: number): Float64Array {
  const out = kernelArray(n * n);
  for (let i0 = 0; i0 < n; i0 += 16)
    for (let j0 = 0; j0 < n; j0 += 16)
      for (let i = i0; i < Math.min(i0 + 16, n); i++)
        for (let j = j0; j < Math.min(j0 + 16, n); j++) out[j * n + i] = A[i * n + j]!;
  return out;
}

/**
 * Householder QR of columns j0 … j0+nb−1 (rows j0 … n−1), in place in b (rows of b = columns of A),
 * LAPACK's dlarfg convention: β = −sign(α)·‖x‖, τ = (β − α)/β, v = x/(α − β) below the diagonal.
 * Records sign(R_kk) = sign(β) and returns the panel's V and T.
 */
function factorPanel(b: Float64Array, n: number, j0: number, nb: number, signs: Float64Array): BlockReflector {
  const m = n - j0;
  const V = kernelArray(nb * m);
  const tau = new Float64Array(nb);
  for (let i = 0; i < nb; i++) {
    const k = j0 + i;
    const x = k * n; // column k of A is b[x + k … x + n)
    const alpha = b[x + k]!;
    const norm = norm2(b, n - k, x + k);
    const v = i * m - j0; // V[v + t] holds v_k[t] for t = k … n−1
    V[v + k] = 1;
    if (norm === Math.abs(alpha)) {
      signs[k] = alpha < 0 ? -1 : 1; // nothing below the diagonal (to rounding): H = I (τ = 0)
      continue;
    }
    const beta = alpha >= 0 ? -norm : norm;
    signs[k] = beta < 0 ? -1 : 1;
    tau[i] = (beta - alpha) / beta;
    const scale = 1 / (alpha - beta);
    for (let t = k + 1; t < n; t++) V[v + t] = b[x + t]! * scale;
    b[x + k] = beta;
    // H_k on the panel's later columns: y ← y − τ·(vᵀy)·v over rows k … n−1
    for (let r = k + 1; r < j0 + nb; r++) {
      const y = r * n;
      let dot = b[y + k]!;
      for (let t = k + 1; t < n; t++) dot += V[v + t]! * b[y + t]!;
      const w = tau[i]! * dot;
      b[y + k] = b[y + k]! - w;
      for (let t = k + 1; t < n; t++) b[y + t] = b[y + t]! - w * V[v + t]!;
    }
  }
  // dlarft (forward, column-wise): T[i][i] = τ_i, T[0:i, i] = −τ_i · T[0:i, 0:i] · (V_0:i · v_i)
  const gram = kernelArray(nb * nb);
  gemm(V, V, gram, nb, nb, m, { transB: true });
  const T = kernelArray(nb * nb);
  for (let i = 0; i < nb; i++) {
    T[i * nb + i] = tau[i]!;
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let l = j; l < i; l++) s += T[j * nb + l]! * gram[l * nb + i]!;
      T[j * nb + i] = -tau[i]! * s;
    }
  }
  return { j0, nb, V, T };
}

/** Columns j1 … n−1 of A (rows j1 … of b), rows j0 … n−1: C ← C − V Tᵀ Vᵀ C, i.e. Cb ← Cb − (Cb V) T Vᵀ for Cb = Cᵀ. */
function applyToTrailingColumns(
  b: Float64Array,
  n: number,
  { j0, nb, V, T }: BlockReflector,
  j1: number,
  work: Float64Array,
): void {
  const m = n - j0;
  const rows = n - j1;
  const X = work.subarray(0, rows * nb);
  const Y = work.subarray(rows * nb, 2 * rows * nb);
  gemm(b, V, X, rows, nb, m, { transB: true, layout: { aOff: j1 * n + j0, lda: n } }); // X = Cb·V (V's rows are the v's)
  matmul(X, T, Y, rows, nb, nb);
  for (let i = 0; i < Y.length; i++) Y[i] = -Y[i]!;
  gemm(Y, V, b, rows, m, nb, { accumulate: true, layout: { cOff: j1 * n + j0, ldc: n } }); // Cb −= Y·Vᵀ-rows
}

/** Q[j0:, j0:] ← (I − V T Vᵀ) Q[j0:, j0:] (the rest of Q is untouched by this block). */
function applyToQ(Q: Float64Array, n: number, { j0, nb, V, T }: BlockReflector, work: Float64Array): void {
  const m = n - j0;
  const at = j0 * n + j0;
  const X = work.subarray(0, nb * m);
  const Y = work.subarray(nb * m, 2 * nb * m);
  gemm(V, Q, X, nb, m, m, { layout: { bOff: at, ldb: n } }); // X = Vᵀ Q
  matmul(T, X, Y, nb, m, nb);
  for (let i = 0; i < Y.length; i++) Y[i] = -Y[i]!;
  gemm(V, Y, Q, m, m, nb, { transA: true, accumulate: true, layout: { cOff: at, ldc: n } }); // Q −= V·(T X)
}
