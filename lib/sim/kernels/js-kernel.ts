/**
 * Pure-TypeScript block kernel: the fallback where WebAssembly SIMD is unavailable.
 * A 4×4 register tile: 16 scalar accumulators, each taking its products in the order
 * p = 0, 1, …, kc−1 (see blocked.ts for why that makes it bit-identical to the plain loop).
 */
import { type BlockKernel, packJs } from "./blocked";

export function createJsKernel(): BlockKernel {
  let mem = new Float64Array(1 << 12);
  return {
    name: "ts-4x4",
    MR: 4,
    NR: 4,
    scratchBase: 0,
    scratch(elements: number): Float64Array {
      if (mem.length < elements) mem = new Float64Array(Math.max(elements, 2 * mem.length));
      return mem;
    },
    offsetOf: () => -1, // no arena: its memory is replaced, not grown, so views would go stale
    pack(colMajor, src, ld, rows, kc, W, dst) {
      packJs(mem, colMajor, src, ld, rows, kc, W, dst);
    },
    block(ap, bp, cp, ldc, kc, init, tilesM, tilesN) {
      blockJs(mem, ap, bp, cp, ldc, kc, init, tilesM, tilesN);
    },
  };
}

function blockJs(
  M: Float64Array,
  ap: number,
  bp: number,
  cp: number,
  ldc: number,
  kc: number,
  init: boolean,
  tilesM: number,
  tilesN: number,
): void {
  for (let jt = 0; jt < tilesN; jt++) {
    const b0 = bp + jt * kc * 4;
    for (let it = 0; it < tilesM; it++) {
      const a0 = ap + it * kc * 4;
      const r0 = cp + it * 4 * ldc + jt * 4;
      const r1 = r0 + ldc,
        r2 = r1 + ldc,
        r3 = r2 + ldc;
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0;
      let c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0;
      let c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      if (init) {
        c00 = M[r0]!;
        c01 = M[r0 + 1]!;
        c02 = M[r0 + 2]!;
        c03 = M[r0 + 3]!;
        c10 = M[r1]!;
        c11 = M[r1 + 1]!;
        c12 = M[r1 + 2]!;
        c13 = M[r1 + 3]!;
        c20 = M[r2]!;
        c21 = M[r2 + 1]!;
        c22 = M[r2 + 2]!;
        c23 = M[r2 + 3]!;
        c30 = M[r3]!;
        c31 = M[r3 + 1]!;
        c32 = M[r3 + 2]!;
        c33 = M[r3 + 3]!;
      }
      const end = a0 + kc * 4;
      for (let a = a0, b = b0; a < end; a += 4, b += 4) {
        const x0 = M[b]!,
          x1 = M[b + 1]!,
          x2 = M[b + 2]!,
          x3 = M[b + 3]!;
        const y0 = M[a]!,
          y1 = M[a + 1]!,
          y2 = M[a + 2]!,
          y3 = M[a + 3]!;
        c00 += y0 * x0;
        c01 += y0 * x1;
        c02 += y0 * x2;
        c03 += y0 * x3;
        c10 += y1 * x0;
        c11 += y1 * x1;
        c12 += y1 * x2;
        c13 += y1 * x3;
        c20 += y2 * x0;
        c21 += y2 * x1;
        c22 += y2 * x2;
        c23 += y2 * x3;
        c30 += y3 * x0;
        c31 += y3 * x1;
        c32 += y3 * x2;
        c33 += y3 * x3;
      }
      M[r0] = c00;
      M[r0 + 1] = c01;
      M[r0 + 2] = c02;
      M[r0 + 3] = c03;
      M[r1] = c10;
      M[r1 + 1] = c11;
      M[r1 + 2] = c12;
      M[r1 + 3] = c13;
      M[r2] = c20;
      M[r2 + 1] = c21;
      M[r2 + 2] = c22;
      M[r2 + 3] = c23;
      M[r3] = c30;
      M[r3 + 1] = c31;
      M[r3 + 2] = c32;
      M[r3 + 3] = c33;
    }
  }
}
