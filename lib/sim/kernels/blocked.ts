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
  /**
   * Makes the scratch hold at least `elements` doubles from `scratchBase` on and returns a view of
   * the whole memory — or null when that would mean growing the memory while arrays live in it
   * (an arena, see gemm.ts withKernelArena): the product then runs on another kernel.
   */
  scratch(elements: number): Float64Array | null;
  /** Where the scratch starts (elements): after the arena while one is open, else 0. */
  readonly scratchBase: number;
  /** The element offset of x in the kernel's memory if x is a view of it (an arena array), else −1. */
  offsetOf(x: Float64Array): number;
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

/** The most scratch (elements) a product C (m×n) = op(A)·op(B) of inner dimension k asks of a kernel: nothing resident. */
export function scratchElements(m: number, n: number, k: number, MR = 4, NR = 4): number {
  return (
    roundUp(m, MR) * roundUp(n, NR) +
    m * k +
    k * n +
    Math.min(roundUp(m, MR), MC_MAX) * Math.min(k, KC_MAX) +
    Math.min(k, KC_MAX) * roundUp(n, NR)
  );
}

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

/**
 * Where each operand's rows start: element offset and row stride (leading dimension). Without a
 * layout every operand is dense from offset 0; with one, sub-matrices (the blocked QR's trailing
 * blocks) are multiplied in place.
 */
export interface Layout {
  aOff: number;
  lda: number;
  bOff: number;
  ldb: number;
  cOff: number;
  ldc: number;
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
  layout?: Layout,
) => void;

/** mem[dst …] ← rows × cols of src, row r starting at src[off + r·ld] (one copy when the rows are dense). */
function copyIn(
  mem: Float64Array,
  dst: number,
  src: Float64Array,
  off: number,
  ld: number,
  rows: number,
  cols: number,
) {
  if (ld === cols) mem.set(off === 0 && src.length === rows * cols ? src : src.subarray(off, off + rows * cols), dst);
  else for (let r = 0; r < rows; r++) mem.set(src.subarray(off + r * ld, off + r * ld + cols), dst + r * cols);
}

/**
 * gemm (same contract as gemm.ts) on a block kernel: a Product once K is given. Operands that live
 * in the kernel's memory (offsetOf ≥ 0) are read in place, and C is written in place when its tiles
 * fit it exactly (n a multiple of NR, m of MR); everything else is copied through the scratch.
 * Returns false (and does nothing) when the scratch cannot be had (see BlockKernel.scratch).
 */
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
  layout?: Layout,
): boolean {
  const cOffset = layout?.cOff ?? 0;
  const ldC = layout?.ldc ?? n;
  if (m <= 0 || n <= 0) return true;
  if (k <= 0) {
    if (!accumulate) for (let i = 0; i < m; i++) C.fill(0, cOffset + i * ldC, cOffset + i * ldC + n);
    return true;
  }
  const { MR, NR } = K;
  const [aRows, aCols, bRows, bCols] = [transA ? k : m, transA ? m : k, transB ? n : k, transB ? k : n];
  const lda = layout?.lda ?? aCols;
  const ldb = layout?.ldb ?? bCols;
  const aHome = K.offsetOf(A);
  const bHome = K.offsetOf(B);
  const cHome = K.offsetOf(C);
  const cInPlace = cHome >= 0 && n % NR === 0 && m % MR === 0;
  const ldc = cInPlace ? ldC : roundUp(n, NR);
  const KC = Math.min(k, KC_MAX);
  const MC = Math.min(roundUp(m, MR), MC_MAX);
  // Scratch (elements, from scratchBase): C (mP×ldc) unless in place | A, B as given unless resident | packed A | packed B.
  const cOff = cInPlace ? cHome + cOffset : K.scratchBase;
  let next = cInPlace ? K.scratchBase : cOff + roundUp(m, MR) * ldc;
  const aRaw = aHome >= 0 ? aHome + (layout?.aOff ?? 0) : next;
  if (aHome < 0) next += aRows * aCols;
  const bRaw = bHome >= 0 ? bHome + (layout?.bOff ?? 0) : next;
  if (bHome < 0) next += bRows * bCols;
  const aPack = next;
  const bPack = aPack + MC * KC;
  const mem = K.scratch(bPack + KC * roundUp(n, NR) - K.scratchBase);
  if (!mem) return false;
  const aLd = aHome >= 0 ? lda : aCols;
  const bLd = bHome >= 0 ? ldb : bCols;
  if (aHome < 0) copyIn(mem, aRaw, A, layout?.aOff ?? 0, lda, aRows, aCols);
  if (bHome < 0) copyIn(mem, bRaw, B, layout?.bOff ?? 0, ldb, bRows, bCols);
  if (accumulate && !cInPlace) {
    if (ldc === n && ldC === n) copyIn(mem, cOff, C, cOffset, n, m, n);
    else for (let i = 0; i < m; i++) mem.set(C.subarray(cOffset + i * ldC, cOffset + i * ldC + n), cOff + i * ldc);
  }

  for (let pc = 0; pc < k; pc += KC) {
    const kc = Math.min(KC, k - pc);
    // Y_B[j, p] = op(B)[pc + p, j]: B stored n×k with transB (rows along p), else k×n (columns).
    if (transB) K.pack(false, bRaw + pc, bLd, n, kc, NR, bPack);
    else K.pack(true, bRaw + pc * bLd, bLd, n, kc, NR, bPack);
    const init = accumulate || pc > 0;
    for (let ic = 0; ic < m; ic += MC) {
      const mc = Math.min(MC, m - ic);
      // Y_A[i, p] = op(A)[ic + i, pc + p]: A stored k×m with transA (columns), else m×k (rows along p).
      if (transA) K.pack(true, aRaw + pc * aLd + ic, aLd, mc, kc, MR, aPack);
      else K.pack(false, aRaw + ic * aLd + pc, aLd, mc, kc, MR, aPack);
      K.block(aPack, bPack, cOff + ic * ldc, ldc, kc, init, Math.ceil(mc / MR), roundUp(n, NR) / NR);
    }
  }

  if (cInPlace) return true;
  if (ldc === n && ldC === n) C.set(mem.subarray(cOff, cOff + m * n), cOffset);
  else for (let i = 0; i < m; i++) C.set(mem.subarray(cOff + i * ldc, cOff + i * ldc + n), cOffset + i * ldC);
  return true;
}
