/**
 * Adapts the emitted wasm module (wasm-simd.ts) to the BlockKernel interface of blocked.ts, and
 * keeps the arena: arrays that live in the module's memory from `open` to `close`, placed before
 * the scratch, so products on them need no copies. Growing a wasm memory detaches every view of
 * it, so the memory grows only when no arena is open: `open` grows it once for the arena and the
 * scratch it asks for, and a product needing more scratch meanwhile gets null (and runs elsewhere).
 */
import { type BlockKernel, packJs } from "./blocked";
import { loadWasmKernel } from "./wasm-simd";

const PAGE = 65536;

export interface WasmBlockKernel extends BlockKernel {
  /**
   * Opens the arena: `elements` doubles for arrays, `scratch` more for the products on them.
   * Returns its allocator, or null when an arena is open already.
   */
  open(elements: number, scratch: number): Arena | null;
  close(): void;
}

/** The open arena's bump allocator. */
export interface Arena {
  /**
   * An array in the arena, zero-filled unless `zeroed` is false (then it holds whatever the
   * space's last user left), or null once it is full or closed.
   */
  alloc(length: number, zeroed: boolean): Float64Array | null;
  /** Where the next array would start; `release(mark())` later frees every array allocated in between. */
  mark(): number;
  release(mark: number): void;
}

/** The wasm SIMD block kernel, or null where WebAssembly SIMD is unavailable. */
export function createWasmKernel(): WasmBlockKernel | null {
  const w = loadWasmKernel();
  if (!w) return null;
  const { memory, block, packCols, packRows } = w;
  let view = new Float64Array(memory.buffer);
  let base = 0; // elements of the open arena (0: none open)
  let generation = 0; // which arena an allocator belongs to
  const grow = (elements: number) => {
    const bytes = elements * 8;
    if (memory.buffer.byteLength < bytes) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE));
    if (view.buffer !== memory.buffer) view = new Float64Array(memory.buffer);
  };
  return {
    name: `wasm-simd-f64x2-${w.MR}x${w.NR}`,
    MR: w.MR,
    NR: w.NR,
    get scratchBase() {
      return base;
    },
    scratch(elements: number): Float64Array | null {
      if (base > 0 && (base + elements) * 8 > memory.buffer.byteLength) return null;
      grow(base + elements);
      return view;
    },
    offsetOf(x: Float64Array): number {
      // Only while the arena is open: after close its space is scratch again.
      return base > 0 && x.buffer === memory.buffer && x.byteOffset < base * 8 ? x.byteOffset / 8 : -1;
    },
    open(elements, scratch) {
      if (base > 0) return null;
      const size = Math.max(2, elements + (elements & 1)); // the scratch starts 16-byte aligned
      grow(size + scratch);
      base = size;
      const mine = ++generation;
      let next = 0;
      return {
        alloc(length, zeroed) {
          const end = next + length + (length & 1); // every array starts 16-byte aligned
          if (mine !== generation || base === 0 || end > base) return null;
          const x = new Float64Array(memory.buffer, next * 8, length);
          if (zeroed) x.fill(0);
          next = end;
          return x;
        },
        mark: () => next,
        release(mark) {
          if (mark <= next) next = mark;
        },
      };
    },
    close() {
      base = 0;
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
