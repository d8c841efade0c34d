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
import { type BlockKernel, gemmBlocked, type Product } from "./blocked";
import { createJsKernel } from "./js-kernel";
import { createWasmKernel } from "./wasm-kernel";

export type GemmKernelName = "wasm" | "js";

let jsKernel: BlockKernel | null = null;
let wasmKernel: BlockKernel | null | undefined;
let active: BlockKernel | null = null;

function getJs(): BlockKernel {
  if (!jsKernel) jsKernel = createJsKernel();
  return jsKernel;
}

function getWasm(): BlockKernel | null {
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
  (A, B, C, m, n, k, { transA = false, transB = false, accumulate = false } = {}) =>
    product(transA, transB, m, n, k, A, B, C, accumulate);

/** The plain i-k-j loop. */
const naive: Product = (transA, transB, m, n, k, A, B, C, accumulate) => {
  if (!accumulate) C.fill(0, 0, m * n);
  for (let i = 0; i < m; i++) {
    const row = i * n;
    for (let p = 0; p < k; p++) {
      const a = transA ? A[p * m + i]! : A[i * k + p]!;
      if (transB) {
        for (let j = 0; j < n; j++) C[row + j] = C[row + j]! + a * B[j * k + p]!;
      } else {
        const brow = p * n;
        for (let j = 0; j < n; j++) C[row + j] = C[row + j]! + a * B[brow + j]!;
      }
    }
  }
};

/** Size dispatch: the plain loop for tiny products, the active blocked kernel otherwise. */
const run: Product = (transA, transB, m, n, k, A, B, C, accumulate) => {
  if (m * n * k <= SMALL) naive(transA, transB, m, n, k, A, B, C, accumulate);
  else gemmBlocked(current(), transA, transB, m, n, k, A, B, C, accumulate);
};

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
