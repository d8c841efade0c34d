/**
 * Dense matrix multiply on row-major Float64Array buffers — the engine's only hot loop.
 *
 *   C (m×n) = op(A) · op(B)            gemm(A, B, C, m, n, k)
 *   C (m×n) = C + op(A) · op(B)        gemm(A, B, C, m, n, k, { accumulate: true })
 *
 * op(A) is A (m×k, row-major) or, with transA, Aᵀ where A is stored k×m.
 * op(B) is B (k×n, row-major) or, with transB, Bᵀ where B is stored n×k.
 * The engine uses the four named forms: matmul (A·B), matmulBt (A·Bᵀ), addMatmulBt (C += A·Bᵀ)
 * and matmulAt (Aᵀ·B).
 *
 * Exact IEEE float64, deterministic, single-threaded and synchronous. Every C element is computed
 * as c ← c + a_p·b_p for p = 0, 1, …, k−1 (starting from C, or +0), with a separate multiply and
 * add — the same operations in the same order as the plain i-k-j loop, so the result is
 * bit-identical to it whichever kernel runs (NaN payloads aside; NaN and ±Inf propagate as there).
 *
 * Kernel: packed, cache-blocked GEMM (blocked.ts) on a WebAssembly SIMD f64x2 register tile
 * whose module bytes are emitted at load time (wasm-simd.ts); where wasm SIMD is unavailable, the
 * same driver on a 4×4 register-blocked TypeScript tile (js-kernel.ts). See
 * docs/decisions/0005-matmul-kernel.md.
 */
import { type BlockKernel, gemmBlocked, type Layout, type Product } from "./blocked";
import { createJsKernel } from "./js-kernel";
import { type Arena, createWasmKernel, type WasmBlockKernel } from "./wasm-kernel";

export { scratchElements } from "./blocked";

export type GemmKernelName = "wasm" | "js";

let jsKernel: BlockKernel | null = null;
let wasmKernel: WasmBlockKernel | null | undefined;
let active: BlockKernel | null = null;

function getJs(): BlockKernel {
  if (!jsKernel) jsKernel = createJsKernel();
  return jsKernel;
}

function getWasm(): WasmBlockKernel | null {
  if (wasmKernel === undefined) wasmKernel = createWasmKernel();
  return wasmKernel;
}

function current(): BlockKernel {
  if (!active) active = getWasm() ?? getJs();
  return active;
}

/**
 * Chooses the kernel: "wasm" (throws where WebAssembly SIMD is unavailable), "js", or "auto"
 * (the default: wasm where available). Both give bit-identical results; this is for tests and
 * benchmarks.
 */
export function setGemmKernel(kind: GemmKernelName | "auto"): void {
  if (kind === "js") active = getJs();
  else if (kind === "wasm") {
    const w = getWasm();
    if (!w) throw new Error("WebAssembly SIMD is not available in this runtime");
    active = w;
  } else active = getWasm() ?? getJs();
}

/** The name of the kernel gemm currently runs on, e.g. "wasm-simd-f64x2-4x4" or "ts-4x4". */
export function gemmKernelName(): string {
  return current().name;
}

/** True where the WebAssembly SIMD kernel can run. */
export function wasmSimdAvailable(): boolean {
  return getWasm() !== null;
}

/** At or below this many multiply-adds (e.g. 6×6×6) the plain loop beats packing; same bits either way. */
const SMALL = 256;

/** How gemm reads its operands and treats C. Every flag defaults to false. */
export interface GemmOptions {
  /** op(A) = Aᵀ, with A stored k×m */
  transA?: boolean;
  /** op(B) = Bᵀ, with B stored n×k */
  transB?: boolean;
  /** C += op(A)·op(B) instead of C = op(A)·op(B) */
  accumulate?: boolean;
  /**
   * Sub-matrices: where each operand starts (element offset) and its row stride; by default each
   * is dense from 0 (stride k or m for A, n or k for B, n for C, as stored). For the blocked QR.
   */
  layout?: Partial<Layout>;
}

/** C (m×n) = op(A)·op(B), or C += op(A)·op(B) with `accumulate`. */
export type Gemm = (
  A: Float64Array,
  B: Float64Array,
  C: Float64Array,
  m: number,
  n: number,
  k: number,
  options?: GemmOptions,
) => void;

const withOptions =
  (product: Product): Gemm =>
  (A, B, C, m, n, k, { transA = false, transB = false, accumulate = false, layout } = {}) =>
    product(
      transA,
      transB,
      m,
      n,
      k,
      A,
      B,
      C,
      accumulate,
      layout && {
        aOff: layout.aOff ?? 0,
        lda: layout.lda ?? (transA ? m : k),
        bOff: layout.bOff ?? 0,
        ldb: layout.ldb ?? (transB ? k : n),
        cOff: layout.cOff ?? 0,
        ldc: layout.ldc ?? n,
      },
    );

/** The plain i-k-j loop. */
const naive: Product = (transA, transB, m, n, k, A, B, C, accumulate, layout) => {
  const { aOff = 0, bOff = 0, cOff = 0 } = layout ?? {};
  const lda = layout?.lda ?? (transA ? m : k);
  const ldb = layout?.ldb ?? (transB ? k : n);
  const ldc = layout?.ldc ?? n;
  for (let i = 0; i < m; i++) {
    const row = cOff + i * ldc;
    if (!accumulate) C.fill(0, row, row + n);
    for (let p = 0; p < k; p++) {
      const a = transA ? A[aOff + p * lda + i]! : A[aOff + i * lda + p]!;
      if (transB) {
        for (let j = 0; j < n; j++) C[row + j] = C[row + j]! + a * B[bOff + j * ldb + p]!;
      } else {
        const brow = bOff + p * ldb;
        for (let j = 0; j < n; j++) C[row + j] = C[row + j]! + a * B[brow + j]!;
      }
    }
  }
};

/**
 * Size dispatch: the plain loop for tiny products, the active blocked kernel otherwise — or the
 * TypeScript kernel when an open arena leaves the active one too little scratch (same bits).
 */
const run: Product = (transA, transB, m, n, k, A, B, C, accumulate, layout) => {
  if (m * n * k <= SMALL) naive(transA, transB, m, n, k, A, B, C, accumulate, layout);
  else if (!gemmBlocked(current(), transA, transB, m, n, k, A, B, C, accumulate, layout))
    gemmBlocked(getJs(), transA, transB, m, n, k, A, B, C, accumulate, layout);
};

// ---- the arena: operands that live in the kernel's memory -------------------------------------
// A product copies its operands into the wasm memory and C back out (about a fifth of a pass at
// width 256). Arrays allocated there instead are read and written in place. Growing a wasm
// memory detaches every view of it, so the space is reserved once, when the arena opens.

let arena: Arena | null = null;

/**
 * A zero-filled array for a gemm operand: in the kernel's memory while withKernelArena runs and
 * the arena has room, else an ordinary array. Same values either way; only the copies differ.
 * `overwritten`: the caller writes every element before it reads any, so the arena may skip the
 * zero fill (the array then holds whatever the space's last user left, until written; outside an
 * arena it is zeroed as usual). Zeroing the Transformer's 26 MB per call was ~3 % of a snapshot.
 */
export function kernelArray(length: number, options?: { overwritten: true }): Float64Array {
  return arena?.alloc(length, !options?.overwritten) ?? new Float64Array(length);
}

/**
 * Runs fn with its kernelArray arrays as temporaries in the kernel's memory: inside an open arena
 * (room for them must have been reserved with it), freed when fn returns; else in an arena of
 * its own of `elements` doubles and `scratch` (as withKernelArena). None of fn's kernelArray
 * arrays may outlive it — copy the result out inside fn. For a computation whose products are on
 * its own intermediates (the orthogonal init's QR), which then need no copies.
 */
export function withKernelTemporaries<T>(elements: number, scratch: number, fn: () => T): T {
  const open = arena;
  if (!open) return withKernelArena(elements, scratch, fn);
  const mark = open.mark();
  try {
    return fn();
  } finally {
    open.release(mark);
  }
}

/**
 * Runs fn with an arena open on the wasm kernel: room for `elements` doubles of kernelArray
 * arrays and `scratch` doubles (see scratchElements) for the products on them. Arrays from the
 * arena are reused by the next one, so none may outlive fn (copy what must). Inside an open arena,
 * or on the TypeScript kernel, fn just runs.
 */
export function withKernelArena<T>(elements: number, scratch: number, fn: () => T): T {
  const K = current();
  const alloc = !arena && K === wasmKernel ? wasmKernel.open(elements, scratch) : null;
  if (!alloc) return fn();
  arena = alloc;
  try {
    return fn();
  } finally {
    arena = null;
    wasmKernel?.close();
  }
}

/** The general form, for tests and benchmarks that sweep the flags; the engine calls the named products below. */
export const gemm: Gemm = withOptions(run);

/** The plain loop with gemm's contract: the reference the kernels are tested against, bit for bit. */
export const gemmNaive: Gemm = withOptions(naive);

/** gemm on a chosen kernel regardless of size (for tests and benchmarks). */
export function gemmWith(kind: GemmKernelName, ...product: Parameters<Gemm>): void {
  const K = kind === "js" ? getJs() : getWasm();
  if (!K) throw new Error("WebAssembly SIMD is not available in this runtime");
  withOptions((...args) => gemmBlocked(K, ...args))(...product);
}

// The engine's four products, by name: no flags to decode at the call site and no options object
// on the hot path. m×n is C's shape, k the inner dimension.

/** C = A·B (A m×k, B k×n) — e.g. δh = δz W. */
export function matmul(A: Float64Array, B: Float64Array, C: Float64Array, m: number, n: number, k: number): void {
  run(false, false, m, n, k, A, B, C, false);
}

/** C = A·Bᵀ (A m×k, B n×k) — e.g. z = h Wᵀ, a layer's forward product. */
export function matmulBt(A: Float64Array, B: Float64Array, C: Float64Array, m: number, n: number, k: number): void {
  run(false, true, m, n, k, A, B, C, false);
}

/** C += A·Bᵀ (A m×k, B n×k) — e.g. a += h_{t−1} W_hhᵀ after a = x_t W_xhᵀ. */
export function addMatmulBt(A: Float64Array, B: Float64Array, C: Float64Array, m: number, n: number, k: number): void {
  run(false, true, m, n, k, A, B, C, true);
}

/** C = Aᵀ·B (A k×m, B k×n) — e.g. δW = δzᵀ h, a weight gradient summed over the batch. */
export function matmulAt(A: Float64Array, B: Float64Array, C: Float64Array, m: number, n: number, k: number): void {
  run(true, false, m, n, k, A, B, C, false);
}
