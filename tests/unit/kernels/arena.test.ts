/**
 * The kernel arena (gemm.ts withKernelArena / kernelArray): operands that live in the wasm
 * kernel's memory are read and written in place instead of being copied. Same bits as the plain
 * loop whichever operands are resident, whatever the shapes (C in place only when its tiles fit
 * it exactly), and a product that cannot have its scratch while the arena is open falls back to
 * the TypeScript kernel — with the same bits again.
 */
import fc from "fast-check";
import { afterEach, describe, expect, test } from "vitest";
import { simulate } from "@/lib/sim";
import { createTransformer } from "@/lib/sim/build";
import {
  gemm,
  gemmNaive,
  kernelArray,
  scratchElements,
  setGemmKernel,
  wasmSimdAvailable,
  withKernelArena,
} from "@/lib/sim/kernels/gemm";
import { mlpArena } from "@/lib/sim/mlp";
import { orthogonalFromQr, qrArenaElements } from "@/lib/sim/qr";
import { SimConfigSchema } from "@/lib/sim/schema";
import { inKernelArena } from "@/lib/sim/simulate";
import { transformerArena } from "@/lib/sim/transformer";

const wasm = wasmSimdAvailable();

afterEach(() => setGemmKernel("auto"));

/** A deterministic array of values in (−2, 2). */
function values(len: number, seed: number): Float64Array {
  let a = seed >>> 0;
  const out = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    out[i] = (a / 4294967296 - 0.5) * 4;
  }
  return out;
}

const sameBits = (x: Float64Array, y: Float64Array) => x.length === y.length && x.every((v, i) => Object.is(v, y[i]));

/** `src`'s values in a kernelArray (resident inside an open arena). */
function kernelCopy(src: Float64Array): Float64Array {
  const x = kernelArray(src.length);
  x.set(src);
  return x;
}

/**
 * A config's result on the TypeScript kernel, and on the wasm kernel right after the space its
 * arena will hand out was filled with NaN (the next arena starts at the same place): equal bytes
 * mean nothing read an element before writing it.
 */
function runAfterPoisonedArena(c: Parameters<typeof simulate>[0], arena: { elements: number; scratch: number }) {
  setGemmKernel("js");
  const onJs = JSON.stringify(simulate(c, { timing: false }));
  setGemmKernel("auto");
  const { elements, scratch } = arena;
  const poisoned = withKernelArena(elements, scratch, () => kernelArray(elements).fill(Number.NaN)).length;
  const onWasm = JSON.stringify(simulate(c, { timing: false }));
  return { elements, poisoned, onJs, onWasm };
}

describe.skipIf(!wasm)("kernel arena", () => {
  test("kernelArray is a zero-filled view of the kernel's memory inside an arena, an ordinary array outside", () => {
    const outside = kernelArray(8);
    expect(outside.buffer).toBeInstanceOf(ArrayBuffer);
    withKernelArena(100, 1000, () => {
      const a = kernelArray(33);
      const b = kernelArray(10);
      expect(a.buffer).not.toBe(outside.buffer);
      expect(b.buffer).toBe(a.buffer);
      expect(b.byteOffset % 16).toBe(0); // 33 doubles, then aligned to 16 bytes
      expect(b.byteOffset).toBeGreaterThanOrEqual(a.byteOffset + 33 * 8);
      expect([...a, ...b].every((v) => v === 0)).toBe(true);
      // full: an ordinary array, not an overflow into the scratch
      const c = kernelArray(100);
      expect(c.buffer).not.toBe(a.buffer);
      // nested: runs inside the open arena
      const d = withKernelArena(10, 10, () => kernelArray(4));
      expect(d.buffer).toBe(a.buffer);
    });
    expect(kernelArray(8).buffer).not.toBe(kernelArray(8).buffer);
  });

  test("arrays are zeroed again in the next arena (their space is reused)", () => {
    const first = withKernelArena(64, 1000, () => kernelArray(64).fill(7));
    withKernelArena(64, 1000, () => {
      const again = kernelArray(64);
      expect(again.byteOffset).toBe(first.byteOffset);
      expect(again.every((v) => v === 0)).toBe(true);
    });
  });

  test("products with any operands resident: the plain loop's bits (C in place or through the scratch)", () => {
    fc.assert(
      fc.property(
        fc.record({
          m: fc.integer({ min: 1, max: 40 }),
          n: fc.integer({ min: 1, max: 40 }),
          k: fc.integer({ min: 1, max: 300 }),
          transA: fc.boolean(),
          transB: fc.boolean(),
          accumulate: fc.boolean(),
          resident: fc.integer({ min: 0, max: 7 }), // bit 0: A, 1: B, 2: C
          seed: fc.nat(),
        }),
        ({ m, n, k, transA, transB, accumulate, resident, seed }) => {
          const A = values(m * k, seed);
          const B = values(k * n, seed + 1);
          const C0 = values(m * n, seed + 2);
          const flags = { transA, transB, accumulate };
          const want = C0.slice();
          gemmNaive(A, B, want, m, n, k, flags);
          const got = withKernelArena(m * k + k * n + m * n + 6, 0, () => {
            const a = resident & 1 ? kernelCopy(A) : A;
            const b = resident & 2 ? kernelCopy(B) : B;
            const c = resident & 4 ? kernelCopy(C0) : C0.slice();
            gemm(a, b, c, m, n, k, flags); // no scratch reserved: grown on demand, or the TS kernel
            return c.slice();
          });
          expect(sameBits(want, got)).toBe(true);
        },
      ),
      { numRuns: 120, seed: 15 },
    );
  });

  test("a product that cannot have its scratch inside the arena runs on the TypeScript kernel: same bits", () => {
    // 4 M doubles leave less than a page of the memory after the arena, and the memory cannot grow
    // while it is open; the 96×96×96 product needs ~5 pages of scratch.
    const [m, n, k] = [96, 96, 96];
    const A = values(m * k, 7);
    const B = values(k * n, 8);
    const want = new Float64Array(m * n);
    gemmNaive(A, B, want, m, n, k, { transB: true });
    const got = withKernelArena(4_000_000, 0, () => {
      const c = kernelArray(m * n);
      gemm(kernelCopy(A), B, c, m, n, k, { transB: true });
      return c.slice();
    });
    expect(sameBits(want, got)).toBe(true);
  });

  test("sub-matrices of resident operands (the QR's layouts)", () => {
    const [m, n, k, ld] = [24, 20, 36, 48];
    const A = values(m * ld, 1);
    const B = values(k * ld, 2);
    const C0 = values(m * ld, 3);
    const layout = { aOff: 5, lda: ld, bOff: 7, ldb: ld, cOff: 8, ldc: ld };
    const want = C0.slice();
    gemmNaive(A, B, want, m, n, k, { accumulate: true, layout });
    const got = withKernelArena(3 * m * ld + 3 * k * ld, 100_000, () => {
      const c = kernelCopy(C0);
      gemm(kernelCopy(A), kernelCopy(B), c, m, n, k, { accumulate: true, layout });
      return c.slice();
    });
    expect(sameBits(want, got)).toBe(true);
  });

  test("simulate()'s arena holds the Transformer: its weights, gradients and buffers are views of the kernel's memory", () => {
    const c = SimConfigSchema.parse({ model: "transformer", depth: 4, dModel: 32, seqLen: 12, batch: 3 });
    if (c.model !== "transformer") throw new Error("a transformer config");
    inKernelArena(c, () => {
      const m = createTransformer(c);
      const memory = kernelArray(2).buffer; // the arena's buffer (room is left: the sizes are an upper bound)
      for (const p of [...m.params, ...m.grads]) expect(p.buffer).toBe(memory);
    });
  });

  test("the Transformer's unzeroed arena buffers (kernelArray overwritten) are written before they are read: a run after the arena's space was filled with NaN has the TypeScript kernel's bytes", () => {
    const shape = { model: "transformer", depth: 3, dModel: 16, heads: 2, seqLen: 6, batch: 2, seed: 6 };
    for (const raw of [
      { ...shape, norm: "pre" },
      { ...shape, norm: "post", attentionScale: "none", causal: false },
      { ...shape, norm: "none", loss: "last", ffnActivation: "gelu" },
      { ...shape, norm: "pre", loss: "last", train: { steps: 2, optimizer: "adam", lr: 0.01 } },
      {
        ...shape,
        norm: "post",
        precision: "fp16",
        lossScale: 256,
        train: { steps: 2, optimizer: "adamw", weightDecay: 0.1 },
      },
    ]) {
      const c = SimConfigSchema.parse(raw);
      if (c.model !== "transformer") throw new Error("a transformer config");
      const { elements, poisoned, onJs, onWasm } = runAfterPoisonedArena(c, transformerArena(c));
      expect(poisoned).toBe(elements);
      expect(onWasm).toBe(onJs);
      expect(onWasm).not.toContain("null"); // nothing non-finite leaked into the result
    }
  });

  test("the MLP's weights (kernelArray overwritten) are written before they are read: a run after the arena's space was filled with NaN has the TypeScript kernel's bytes", () => {
    for (const raw of [
      { model: "mlp", depth: 4, width: 24, batch: 6, activation: "tanh", init: "xavier", seed: 3 },
      { model: "mlp", depth: 3, width: 16, batch: 5, activation: "relu", init: "uniform", initStd: 0.3, seed: 4 },
      { model: "mlp", depth: 3, width: 16, batch: 4, activation: "tanh", init: "orthogonal", seed: 5 },
      { model: "mlp", depth: 3, width: 20, batch: 4, activation: "relu", init: "lsuv", seed: 6 },
      { model: "mlp", depth: 3, width: 16, batch: 4, init: "he", train: { steps: 2, optimizer: "adam" }, seed: 7 },
    ]) {
      const c = SimConfigSchema.parse(raw);
      if (c.model !== "mlp") throw new Error("an mlp config");
      const { onJs, onWasm } = runAfterPoisonedArena(c, mlpArena(c));
      expect(onWasm).toBe(onJs);
      expect(onWasm).not.toContain("null");
    }
  });

  test("simulate(): the same bytes as on the TypeScript kernel, which has no arena", () => {
    for (const raw of [
      { model: "mlp", depth: 6, width: 64, batch: 16, activation: "tanh", init: "orthogonal", seed: 4 },
      { model: "mlp", depth: 3, width: 37, batch: 5, activation: "tanh", init: "lsuv", seed: 5 }, // odd width: the QR's C through the scratch
      { model: "mlp", depth: 5, width: 30, batch: 7, activation: "relu", norm: "batch", residual: true, seed: 2 },
      {
        model: "mlp",
        depth: 4,
        width: 32,
        batch: 8,
        activation: "gelu",
        precision: "fp16",
        lossScale: 128,
        seed: 1,
        train: { steps: 5, optimizer: "adam", lr: 0.01 },
      },
      // the Transformer's weights, stream, attention and FFN buffers live in the arena too
      { model: "transformer", depth: 3, dModel: 24, heads: 3, seqLen: 7, batch: 3, norm: "post", seed: 3 },
      {
        model: "transformer",
        depth: 2,
        dModel: 16,
        heads: 2,
        seqLen: 5,
        batch: 2,
        ffnActivation: "gelu",
        loss: "last",
        precision: "fp16",
        lossScale: 1024,
        train: { steps: 3, optimizer: "adamw", weightDecay: 0.1 },
      },
    ]) {
      const c = SimConfigSchema.parse(raw);
      const onWasm = JSON.stringify(simulate(c, { timing: false }));
      setGemmKernel("js");
      const onJs = JSON.stringify(simulate(c, { timing: false }));
      setGemmKernel("auto");
      expect(onWasm).toBe(onJs);
    }
  });

  test("the QR's temporaries: in an open arena and freed after it, or in an arena of their own — the same Q either way", () => {
    const n = 48;
    const A = values(n * n, 9);
    setGemmKernel("js"); // no arena at all: ordinary arrays
    const reference = orthogonalFromQr(A, n);
    setGemmKernel("auto");
    expect(sameBits(orthogonalFromQr(A, n), reference)).toBe(true); // an arena of its own
    withKernelArena(qrArenaElements(n) + 10, scratchElements(n, n, n), () => {
      const before = kernelArray(2);
      const Q = kernelArray(n * n); // the result may live in the arena too, as initWeights' W does
      expect(orthogonalFromQr(A, n, Q)).toBe(Q);
      expect(sameBits(Q, reference)).toBe(true);
      // freed: the next array starts right after Q, not after the QR's temporaries
      const after = kernelArray(2);
      expect(after.buffer).toBe(before.buffer);
      expect(after.byteOffset).toBe(Q.byteOffset + n * n * 8);
    });
  });
});
