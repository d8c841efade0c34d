/**
 * Small dense linear algebra on row-major Float64Array: norms, the unblocked Householder QR (the
 * reference for qr.ts) and the spectral radius of a real matrix (for the RNN's W_hh).
 */
import { matmul } from "./kernels/gemm";

/**
 * Euclidean / Frobenius norm of buf[start..start+n): √(Σv²) in one pass (sumOfSquares) where that
 * sum neither overflows nor comes near underflow, else the scaled two-pass form (max|v| first),
 * which also gives NaN for any NaN and Infinity for any ±Infinity.
 */
export function norm2(buf: Float64Array, n = buf.length, start = 0): number {
  return normFromSumOfSquares(sumOfSquares(buf, n, start), buf, n, start);
}

/** Below this Σv² the largest square may be subnormal (fewer bits): use the scaled form. */
const SAFE_SUM_OF_SQUARES = 2 ** -970;

/** norm2 given ss = sumOfSquares(buf, n, start) (computed elsewhere, e.g. fused with another pass). */
export function normFromSumOfSquares(ss: number, buf: Float64Array, n = buf.length, start = 0): number {
  return ss >= SAFE_SUM_OF_SQUARES && ss < Infinity ? Math.sqrt(ss) : scaledNorm2(buf, n, start);
}

/**
 * Σv² over buf[start..start+n), one sequential sum (memory-bound: measured no faster with 2
 * partial sums, and 4× slower with 4 in V8, which then spills).
 */
export function sumOfSquares(buf: Float64Array, n = buf.length, start = 0): number {
  let s = 0;
  for (let i = start; i < start + n; i++) s += buf[i]! * buf[i]!;
  return s;
}

/**
 * The norm scaled by max|v| to avoid overflow and underflow: two passes, a division per element.
 * spectralRadius uses it directly (not on a hot path): it fixes the RNN's W_hh, whose every bit a
 * long recurrent run can amplify.
 */
export function scaledNorm2(buf: Float64Array, n = buf.length, start = 0): number {
  let scale = 0;
  for (let i = start; i < start + n; i++) {
    const v = Math.abs(buf[i]!);
    if (Number.isNaN(v)) return NaN;
    if (v > scale) scale = v;
  }
  if (scale === 0 || scale === Infinity) return scale;
  let s = 0;
  for (let i = start; i < start + n; i++) {
    const v = buf[i]! / scale;
    s += v * v;
  }
  return scale * Math.sqrt(s);
}

/**
 * Q of the QR factorisation of a square n×n matrix A (row-major), with the sign fix
 * Q ← Q·diag(sign(R_ii)) that makes Q Haar-distributed when A is Gaussian (PyTorch's
 * orthogonal_). Householder reflections H_k = I − 2v_kv_kᵀ (‖v_k‖ = 1), numerically orthogonal to
 * ~1e-15; loops run along rows (w = vᵀR, then R −= 2v wᵀ) for contiguous memory access.
 * The unblocked reference for qr.ts (which orthogonal init uses): the same Q, in scalar loops.
 */
export function householderQ(A: Float64Array, n: number): Float64Array {
  const R = Float64Array.from(A);
  const V = new Float64Array(n * n); // row k: Householder vector k (entries k..n-1)
  const signs = new Float64Array(n);
  const w = new Float64Array(n);
  /** M ← (I − 2vvᵀ) M on rows k..n-1 and columns c0..n-1, v = V row k. */
  const reflect = (M: Float64Array, k: number, c0: number): void => {
    w.fill(0, c0);
    for (let i = k; i < n; i++) {
      const vi = V[k * n + i]!;
      if (vi === 0) continue;
      const row = i * n;
      for (let j = c0; j < n; j++) w[j] = w[j]! + vi * M[row + j]!;
    }
    for (let i = k; i < n; i++) {
      const vi2 = 2 * V[k * n + i]!;
      if (vi2 === 0) continue;
      const row = i * n;
      for (let j = c0; j < n; j++) M[row + j] = M[row + j]! - vi2 * w[j]!;
    }
  };
  for (let k = 0; k < n; k++) {
    let norm = 0;
    for (let i = k; i < n; i++) norm = Math.hypot(norm, R[i * n + k]!);
    const x0 = R[k * n + k]!;
    const alpha = x0 >= 0 ? -norm : norm; // R_kk after the reflection
    signs[k] = alpha < 0 ? -1 : 1;
    let vnorm = 0;
    for (let i = k; i < n; i++) {
      const v = i === k ? x0 - alpha : R[i * n + k]!;
      V[k * n + i] = v;
      vnorm = Math.hypot(vnorm, v);
    }
    if (vnorm === 0) continue; // column already zero below the diagonal
    for (let i = k; i < n; i++) V[k * n + i] = V[k * n + i]! / vnorm;
    reflect(R, k, k);
  }
  // Q = H_0 H_1 … H_{n-1}: apply the reflections to the identity, last first.
  const Q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) Q[i * n + i] = 1;
  for (let k = n - 1; k >= 0; k--) reflect(Q, k, 0);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) Q[i * n + j] = Q[i * n + j]! * signs[j]!;
  return Q;
}

/**
 * Spectral radius ρ(M) = max |λ| of a real n×n matrix by Gelfand's formula ρ = lim ||Mᵏ||^{1/k},
 * with k = 2^squarings reached by repeated squaring (renormalised each time to stay finite).
 * ||Mᵏ|| ≈ C·ρᵏ for a constant C of M; the last squaring measures C (||P²|| ≈ 1/C for
 * P = Mᵏ/||Mᵏ||), which is divided out. Unlike power iteration on a vector it does not oscillate
 * when the dominant eigenvalues are a complex-conjugate pair (the usual case for a real Gaussian
 * matrix), and it runs on the gemm kernel: `squarings` products of n×n matrices.
 * Accuracy: ~1e-12 relative for normal or mildly non-normal matrices (Gaussian G included);
 * like any method in float64 it degrades for extremely non-normal matrices.
 */
export function spectralRadius(M: Float64Array, n: number, squarings = 32): number {
  let P = Float64Array.from(M);
  let T = new Float64Array(n * n);
  const f = scaledNorm2(P);
  if (f === 0 || !Number.isFinite(f)) return f;
  for (let i = 0; i < P.length; i++) P[i] = P[i]! / f;
  let logNorm = Math.log(f); // log ||M^k||, with P = M^k / ||M^k||
  let logG = 0;
  for (let s = 0; s < squarings; s++) {
    matmul(P, P, T, n, n, n);
    const g = scaledNorm2(T);
    if (g === 0) return 0; // nilpotent
    for (let i = 0; i < T.length; i++) T[i] = T[i]! / g;
    logG = Math.log(g);
    logNorm = 2 * logNorm + logG;
    [P, T] = [T, P];
  }
  // logNorm = log ||M^K||, K = 2^squarings; log C ≈ −logG
  return Math.exp((logNorm + logG) / 2 ** squarings);
}
