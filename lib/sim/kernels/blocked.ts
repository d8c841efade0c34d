/**
 * The blocked GEMM driver shared by both kernels (wasm SIMD and pure TypeScript).
 *
 * Classic BLIS/GotoBLAS structure, kept small:
 *   for each k block (KC):   pack op(B)[pc:pc+kc, :] into NR-wide column panels (zero-padded)
 *     for each m block (MC): pack op(A)[ic:ic+mc, pc:pc+kc] into MR-tall row panels (zero-padded)
 *       block kernel: every MR×NR tile of C += A panel · B panel, in registers.
 * C lives in the kernel's scratch memory with its row length padded to a multiple of NR and its
 * rows to a multiple of MR, so every tile is full; the padding lanes compute on packed zeros and
 * are never copied back. Transposes are absorbed by the packing, so one kernel serves all four
 * cases.
 *
 * Rounding: every C element is the sequence c ← c + a_p·b_p for p = 0, 1, …, k−1, starting from
 * C (accumulate) or +0, exactly as the plain i-k-j loop does. Blocking over k stores the partial
 * sum and reloads it, which changes nothing. So both kernels are bit-identical to the naive loop
 * (NaN payloads aside), deterministic, and identical to each other.
 */

export interface BlockKernel {
  readonly name: string;
  readonly MR: number;
  readonly NR: number;
  /** Makes the scratch hold at least `elements` doubles and returns a view of it. */
  scratch(elements: number): Float64Array;
  /**
   * Packs Y[0:rows, 0:kc] (Y[r, p] = mem[src + p·ld + r] if colMajor, else mem[src + r·ld + p])
   * into ⌈rows/W⌉ panels of W rows, p-major (W doubles per p), at dst; rows past `rows` are 0.
   * Offsets in elements of the scratch.
   */
  pack(colMajor: boolean, src: number, ld: number, rows: number, kc: number, W: number, dst: number): void;
  /** See wasm-simd.ts: tiles of C (+)= packed A panels · packed B panels. Offsets in elements. */
  block(
    ap: number,
    bp: number,
    cp: number,
    ldc: number,
    kc: number,
    init: boolean,
    tilesM: number,
    tilesN: number,
  ): void;
}

/** k block: a kc×NR panel of B (8 KiB at kc = 256, NR = 4) stays in L1 while A streams from L2. */
const KC_MAX = 256;
/** m block: an mc×kc block of packed A (≤ 256 KiB) stays in L2. */
const MC_MAX = 128;

const roundUp = (v: number, to: number) => Math.ceil(v / to) * to;

/** The scalar packing routine (the JS kernel's, and the wasm kernel's for a last, partial panel). */
export function packJs(
  mem: Float64Array,
  colMajor: boolean,
  src: number,
  ld: number,
  rows: number,
  kc: number,
  W: number,
  dst: number,
): void {
  for (let r0 = 0; r0 < rows; r0 += W) {
    const d0 = dst + r0 * kc;
    const h = Math.min(W, rows - r0);
    if (colMajor) {
      // The panel's W values for one p are adjacent in the source.
      let s = src + r0;
      if (h === 4 && W === 4) {
        for (let p = 0, d = d0; p < kc; p++, d += 4, s += ld) {
          mem[d] = mem[s]!;
          mem[d + 1] = mem[s + 1]!;
          mem[d + 2] = mem[s + 2]!;
          mem[d + 3] = mem[s + 3]!;
        }
      } else {
        for (let p = 0, d = d0; p < kc; p++, d += W, s += ld) {
          let r = 0;
          for (; r < h; r++) mem[d + r] = mem[s + r]!;
          for (; r < W; r++) mem[d + r] = 0;
        }
      }
    } else {
      // Each row of the panel runs along p in the source.
      for (let r = 0; r < W; r++) {
        if (r < h) {
          const s = src + (r0 + r) * ld;
          for (let p = 0, d = d0 + r; p < kc; p++, d += W) mem[d] = mem[s + p]!;
        } else {
          for (let p = 0, d = d0 + r; p < kc; p++, d += W) mem[d] = 0;
        }
      }
    }
  }
}

/** A product C (+)= op(A)·op(B) in the kernels' positional convention (gemm.ts wraps it in named forms). */
export type Product = (
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  A: Float64Array,
  B: Float64Array,
  C: Float64Array,
  accumulate: boolean,
) => void;

/** gemm (same contract as gemm.ts) on a block kernel: a Product once K is given. */
export function gemmBlocked(
  K: BlockKernel,
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  A: Float64Array,
  B: Float64Array,
  C: Float64Array,
  accumulate: boolean,
): void {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    if (!accumulate) C.fill(0, 0, m * n);
    return;
  }
  const { MR, NR } = K;
  const ldc = roundUp(n, NR);
  const mP = roundUp(m, MR);
  const KC = Math.min(k, KC_MAX);
  const MC = Math.min(mP, MC_MAX);
  // Scratch layout (elements): C (mP×ldc) | A as given (m·k) | B as given (k·n) | packed A | packed B.
  const cOff = 0;
  const aRaw = mP * ldc;
  const bRaw = aRaw + m * k;
  const aPack = bRaw + k * n;
  const bPack = aPack + MC * KC;
  const mem = K.scratch(bPack + KC * ldc);

  mem.set(A.length === m * k ? A : A.subarray(0, m * k), aRaw);
  mem.set(B.length === k * n ? B : B.subarray(0, k * n), bRaw);
  if (accumulate) {
    if (ldc === n) mem.set(C.length === m * n ? C : C.subarray(0, m * n), cOff);
    else for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) mem[cOff + i * ldc + j] = C[i * n + j]!;
  }

  for (let pc = 0; pc < k; pc += KC) {
    const kc = Math.min(KC, k - pc);
    // Y_B[j, p] = op(B)[pc + p, j]: B stored n×k with transB (rows along p), else k×n (columns).
    if (transB) K.pack(false, bRaw + pc, k, n, kc, NR, bPack);
    else K.pack(true, bRaw + pc * n, n, n, kc, NR, bPack);
    const init = accumulate || pc > 0;
    for (let ic = 0; ic < m; ic += MC) {
      const mc = Math.min(MC, m - ic);
      // Y_A[i, p] = op(A)[ic + i, pc + p]: A stored k×m with transA (columns), else m×k (rows along p).
      if (transA) K.pack(true, aRaw + pc * m + ic, m, mc, kc, MR, aPack);
      else K.pack(false, aRaw + ic * k + pc, k, mc, kc, MR, aPack);
      K.block(aPack, bPack, cOff + ic * ldc, ldc, kc, init, Math.ceil(mc / MR), ldc / NR);
    }
  }

  if (ldc === n) C.set(mem.subarray(cOff, cOff + m * n));
  else for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) C[i * n + j] = mem[cOff + i * ldc + j]!;
}
