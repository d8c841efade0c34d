/**
 * Dense matrix multiply on row-major Float64Array buffers — the engine's only hot loop.
 *
 *   C (m×n) = op(A) · op(B)            (accumulate = false)
 *   C (m×n) = C + op(A) · op(B)        (accumulate = true)
 *
 * op(A) is A (m×k, row-major) or, with transA, Aᵀ where A is stored k×m.
 * op(B) is B (k×n, row-major) or, with transB, Bᵀ where B is stored n×k.
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
import { type BlockKernel, gemmBlocked } from "./blocked";
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

export function gemm(
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
  if (m * n * k <= SMALL) gemmNaive(transA, transB, m, n, k, A, B, C, accumulate);
  else gemmBlocked(current(), transA, transB, m, n, k, A, B, C, accumulate);
}

/** The plain i-k-j loop: the reference the kernels are tested against, bit for bit. */
export function gemmNaive(
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
}

/** gemm on a chosen kernel regardless of size (for tests and benchmarks). */
export function gemmWith(
  kind: GemmKernelName,
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
  const K = kind === "js" ? getJs() : getWasm();
  if (!K) throw new Error("WebAssembly SIMD is not available in this runtime");
  gemmBlocked(K, transA, transB, m, n, k, A, B, C, accumulate);
}
