/** Adapts the emitted wasm module (wasm-simd.ts) to the BlockKernel interface of blocked.ts. */
import { type BlockKernel, packJs } from "./blocked";
import { loadWasmKernel } from "./wasm-simd";

const PAGE = 65536;

/** The wasm SIMD block kernel, or null where WebAssembly SIMD is unavailable. */
export function createWasmKernel(): BlockKernel | null {
  const w = loadWasmKernel();
  if (!w) return null;
  const { memory, block, packCols, packRows } = w;
  let view = new Float64Array(memory.buffer);
  return {
    name: `wasm-simd-f64x2-${w.MR}x${w.NR}`,
    MR: w.MR,
    NR: w.NR,
    scratch(elements: number): Float64Array {
      const bytes = elements * 8;
      if (memory.buffer.byteLength < bytes) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE));
      if (view.buffer !== memory.buffer) view = new Float64Array(memory.buffer);
      return view;
    },
    pack(colMajor, src, ld, rows, kc, W, dst) {
      // Full 4-row panels in wasm; a last partial panel (rows not a multiple of 4) in JS.
      const full = W === 4 ? rows >> 2 : 0;
      if (full > 0) (colMajor ? packCols : packRows)(src * 8, ld * 8, dst * 8, kc, full);
      const done = full * W;
      if (done < rows)
        packJs(view, colMajor, colMajor ? src + done : src + done * ld, ld, rows - done, kc, W, dst + done * kc);
    },
    block(ap, bp, cp, ldc, kc, init, tilesM, tilesN) {
      block(ap * 8, bp * 8, cp * 8, ldc, kc, init ? 1 : 0, tilesM, tilesN);
    },
  };
}
