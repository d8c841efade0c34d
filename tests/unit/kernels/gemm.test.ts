/**
 * gemm against the plain i-k-j loop. Both kernels (wasm SIMD and the pure-TypeScript fallback) do
 * each C element's multiply-adds in the loop's order, so the comparison is exact: every element
 * must have the same bits (NaN compared as NaN, since NaN payloads are not specified).
 */
import fc from "fast-check";
import { afterEach, describe, expect, test, vi } from "vitest";
import {
  addMatmulBt,
  gemm,
  gemmKernelName,
  gemmNaive,
  gemmWith,
  matmul,
  matmulAt,
  matmulBt,
  setGemmKernel,
  wasmSimdAvailable,
} from "@/lib/sim/kernels/gemm";
import { emitGemmModule, loadWasmKernel } from "@/lib/sim/kernels/wasm-simd";

type Kind = "wasm" | "js";
const KINDS: Kind[] = ["wasm", "js"];

/** A small deterministic PRNG (mulberry32) so failures reproduce. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomArray(len: number, r: () => number): Float64Array {
  const out = new Float64Array(len);
  for (let i = 0; i < len; i++) out[i] = (r() - 0.5) * 4;
  return out;
}

/** Index of the first element whose bits differ (NaN ≡ NaN), or -1. */
function firstDifference(x: Float64Array, y: Float64Array): number {
  if (x.length !== y.length) return 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    if (!(Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b)))) return i;
  }
  return -1;
}

interface Case {
  tA: boolean;
  tB: boolean;
  m: number;
  n: number;
  k: number;
  acc: boolean;
}

/** Runs one case on `kind` and on the plain loop; C gets 3 spare elements that must stay untouched. */
function check(kind: Kind | "gemm", c: Case, A: Float64Array, B: Float64Array, C0: Float64Array) {
  const flags = { transA: c.tA, transB: c.tB, accumulate: c.acc };
  const want = C0.slice();
  const got = C0.slice();
  gemmNaive(A, B, want, c.m, c.n, c.k, flags);
  if (kind === "gemm") gemm(A, B, got, c.m, c.n, c.k, flags);
  else gemmWith(kind, A, B, got, c.m, c.n, c.k, flags);
  const at = firstDifference(want, got);
  expect(at, `${kind} ${JSON.stringify(c)}: element ${at}: want ${want[at]}, got ${got[at]}`).toBe(-1);
}

function randomCase(c: Case, r: () => number, kind: Kind | "gemm") {
  const A = randomArray(c.m * c.k, r);
  const B = randomArray(c.k * c.n, r);
  const C = randomArray(c.m * c.n + 3, r);
  check(kind, c, A, B, C);
}

const ALL_FLAGS = [false, true].flatMap((tA) =>
  [false, true].flatMap((tB) => [false, true].map((acc) => ({ tA, tB, acc }))),
);

describe("wasm SIMD availability", () => {
  test("Node has WebAssembly SIMD, so gemm runs on the wasm kernel by default", () => {
    expect(wasmSimdAvailable()).toBe(true);
    expect(gemmKernelName()).toMatch(/^wasm-simd/);
  });

  test("the emitted module is valid and small (browsers compile ≤ 4 KiB synchronously on the main thread)", () => {
    const bytes = emitGemmModule();
    expect(WebAssembly.validate(bytes)).toBe(true);
    expect(bytes.length).toBeLessThan(4096);
  });

  test("without wasm SIMD the loader reports null (and gemm falls back to TypeScript)", () => {
    const spy = vi.spyOn(WebAssembly, "validate").mockReturnValue(false);
    try {
      expect(loadWasmKernel()).toBeNull();
    } finally {
      spy.mockRestore();
    }
  });
});

describe.each(KINDS)("%s kernel matches the plain loop bit for bit", (kind) => {
  test("edge shapes: 1×1, k = 1, vectors, sizes that are not multiples of the 4×4 tile", () => {
    const r = rng(1);
    const dims = [1, 2, 3, 4, 5, 7, 8, 9, 13];
    for (const f of ALL_FLAGS)
      for (const m of dims)
        for (const n of dims) for (const k of [1, 2, 3, 5, 8, 17]) randomCase({ ...f, m, n, k }, r, kind);
  });

  test("random shapes with every transpose and accumulate combination", () => {
    const r = rng(2);
    for (let t = 0; t < 200; t++) {
      const f = ALL_FLAGS[t % ALL_FLAGS.length] as (typeof ALL_FLAGS)[number];
      const m = 1 + Math.floor(r() * 70);
      const n = 1 + Math.floor(r() * 70);
      const k = 1 + Math.floor(r() * 90);
      randomCase({ ...f, m, n, k }, r, kind);
    }
  });

  test("shapes across the cache blocks (k > 256 splits into k blocks, m > 128 into m blocks)", () => {
    const r = rng(3);
    const shapes: [number, number, number][] = [
      [131, 9, 257],
      [129, 130, 300],
      [7, 5, 513],
      [64, 256, 256],
      [256, 256, 64],
      [257, 3, 1],
    ];
    for (const f of ALL_FLAGS) for (const [m, n, k] of shapes) randomCase({ ...f, m, n, k }, r, kind);
  });

  test("the engine's three MLP shapes (forward, dW, dH)", () => {
    const r = rng(4);
    const B = 64;
    const N = 96;
    randomCase({ tA: false, tB: true, m: B, n: N, k: N, acc: false }, r, kind);
    randomCase({ tA: true, tB: false, m: N, n: N, k: B, acc: false }, r, kind);
    randomCase({ tA: false, tB: false, m: B, n: N, k: N, acc: false }, r, kind);
  });

  test("NaN and ±Inf propagate, 0·Inf gives NaN, nothing is skipped", () => {
    const r = rng(5);
    for (const f of ALL_FLAGS) {
      const m = 6;
      const n = 7;
      const k = 9;
      const A = randomArray(m * k, r);
      const B = randomArray(k * n, r);
      const C = randomArray(m * n, r);
      A[3] = Number.POSITIVE_INFINITY;
      A[10] = 0;
      A[20] = Number.NaN;
      B[4] = 0;
      B[11] = Number.NEGATIVE_INFINITY;
      B[30] = 1e308;
      A[30] = 1e308; // overflow to Inf inside a product
      C[5] = Number.NaN;
      check(kind, { ...f, m, n, k }, A, B, C);
      // an all-zero A against an Inf column still yields NaN there, as in the loop
      const Z = new Float64Array(m * k);
      const Binf = randomArray(k * n, r);
      Binf[2] = Number.POSITIVE_INFINITY;
      check(kind, { ...f, m, n, k }, Z, Binf, C);
    }
  });

  test("signed zeros: −0 products start from +0 as in the loop", () => {
    for (const f of ALL_FLAGS) {
      const A = new Float64Array(4 * 5).fill(-0);
      const B = new Float64Array(5 * 6).fill(1);
      const C = new Float64Array(4 * 6).fill(-0);
      check(kind, { ...f, m: 4, n: 6, k: 5 }, A, B, C);
    }
  });

  test("subnormals are kept (no flush to zero)", () => {
    const A = new Float64Array(4 * 4).fill(1e-160);
    const B = new Float64Array(4 * 4).fill(1e-160);
    const C = new Float64Array(16);
    gemmWith(kind, A, B, C, 4, 4, 4);
    expect(C[0]).toBeGreaterThan(0);
    check(kind, { tA: false, tB: false, m: 4, n: 4, k: 4, acc: false }, A, B, new Float64Array(16));
  });

  test("k = 0: C is zeroed, or left as it is when accumulating", () => {
    const C = new Float64Array([1, 2, 3, 4, 5, 6, 7]);
    gemmWith(kind, new Float64Array(0), new Float64Array(0), C, 2, 3, 0, { accumulate: true });
    expect([...C]).toEqual([1, 2, 3, 4, 5, 6, 7]);
    gemmWith(kind, new Float64Array(0), new Float64Array(0), C, 2, 3, 0);
    expect([...C]).toEqual([0, 0, 0, 0, 0, 0, 7]);
  });

  test("operands longer than needed are read only up to their logical size", () => {
    const r = rng(6);
    const A = randomArray(5 * 6 + 11, r);
    const B = randomArray(6 * 7 + 13, r);
    check(kind, { tA: false, tB: false, m: 5, n: 7, k: 6, acc: true }, A, B, randomArray(5 * 7 + 2, r));
  });

  test("deterministic: same inputs give the same bits, whatever ran before (scratch growth, other shapes)", () => {
    const r = rng(7);
    const A = randomArray(37 * 41, r);
    const B = randomArray(41 * 29, r);
    const first = new Float64Array(37 * 29);
    gemmWith(kind, A, B, first, 37, 29, 41, { transB: true });
    // something big in between: the scratch memory grows
    const big = randomArray(300 * 300, r);
    gemmWith(kind, big, big, new Float64Array(300 * 300), 300, 300, 300, { transA: true });
    const again = new Float64Array(37 * 29);
    gemmWith(kind, A, B, again, 37, 29, 41, { transB: true });
    expect(firstDifference(first, again)).toBe(-1);
  });
});

describe("sub-matrices (layout: offsets and row strides)", () => {
  /** rows × cols at `off` with row stride `ld` inside a bigger array, and the dense copy of it. */
  const embed = (r: () => number, rows: number, cols: number, off: number, ld: number) => {
    const big = randomArray(off + rows * ld + 5, r);
    const dense = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) dense[i * cols + j] = big[off + i * ld + j]!;
    return { big, dense };
  };

  test.each(["wasm", "js", "gemm"] as const)(
    "%s: the same bits as the dense product; nothing outside C's block is written",
    (kind) => {
      const r = rng(31);
      for (let t = 0; t < 64; t++) {
        const f = ALL_FLAGS[t % ALL_FLAGS.length]!;
        const m = 1 + Math.floor(r() * 40);
        const n = 1 + Math.floor(r() * 40);
        const k = 1 + Math.floor(r() * 40);
        const [aRows, aCols] = f.tA ? [k, m] : [m, k];
        const [bRows, bCols] = f.tB ? [n, k] : [k, n];
        const lda = aCols + Math.floor(r() * 5);
        const ldb = bCols + Math.floor(r() * 5);
        const ldc = n + Math.floor(r() * 5);
        const [aOff, bOff, cOff] = [0, 0, 0].map(() => Math.floor(r() * 9)) as [number, number, number];
        const A = embed(r, aRows, aCols, aOff, lda);
        const B = embed(r, bRows, bCols, bOff, ldb);
        const C = embed(r, m, n, cOff, ldc);
        const flags = { transA: f.tA, transB: f.tB, accumulate: f.acc };
        const want = C.dense.slice();
        gemmNaive(A.dense, B.dense, want, m, n, k, flags);
        const got = C.big.slice();
        const layout = { aOff, lda, bOff, ldb, cOff, ldc };
        if (kind === "gemm") gemm(A.big, B.big, got, m, n, k, { ...flags, layout });
        else gemmWith(kind, A.big, B.big, got, m, n, k, { ...flags, layout });
        const block = new Float64Array(m * n);
        for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) block[i * n + j] = got[cOff + i * ldc + j]!;
        expect(firstDifference(want, block), JSON.stringify({ m, n, k, ...flags, layout })).toBe(-1);
        const outside = got.map((v, i) => {
          const row = Math.floor((i - cOff) / ldc);
          const col = i - cOff - row * ldc;
          return i >= cOff && row < m && col < n ? 0 : v;
        });
        const before = C.big.map((v, i) => {
          const row = Math.floor((i - cOff) / ldc);
          const col = i - cOff - row * ldc;
          return i >= cOff && row < m && col < n ? 0 : v;
        });
        expect(firstDifference(outside, before)).toBe(-1);
      }
    },
  );
});

describe("the two kernels agree with each other", () => {
  test("same bits from wasm and TypeScript on a random 70×45×300 product", () => {
    const r = rng(8);
    const A = randomArray(70 * 300, r);
    const B = randomArray(300 * 45, r);
    const x = new Float64Array(70 * 45);
    const y = new Float64Array(70 * 45);
    gemmWith("wasm", A, B, x, 70, 45, 300);
    gemmWith("js", A, B, y, 70, 45, 300);
    expect(firstDifference(x, y)).toBe(-1);
  });
});

describe("public gemm (size dispatch: plain loop for tiny products, blocked kernel otherwise)", () => {
  afterEach(() => setGemmKernel("auto"));

  test.each(["auto", "js", "wasm"] as const)("matches the loop around the dispatch threshold (%s)", (kind) => {
    setGemmKernel(kind);
    const r = rng(9);
    for (const f of ALL_FLAGS)
      for (const [m, n, k] of [
        [6, 6, 7],
        [6, 7, 6],
        [8, 8, 4],
        [1, 1, 300],
        [16, 1, 17],
        [1, 33, 9],
      ] as const)
        randomCase({ ...f, m, n, k }, r, "gemm");
  });

  test("property: any shape, flags and values (special values included) give the loop's bits", () => {
    const value = fc.oneof(
      { weight: 8, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          0,
          -0,
          Number.NaN,
          Number.POSITIVE_INFINITY,
          Number.NEGATIVE_INFINITY,
          5e-324,
          1e308,
        ),
      },
    );
    const shape = fc.record({
      m: fc.integer({ min: 1, max: 19 }),
      n: fc.integer({ min: 1, max: 19 }),
      k: fc.integer({ min: 1, max: 23 }),
      tA: fc.boolean(),
      tB: fc.boolean(),
      acc: fc.boolean(),
      kind: fc.constantFrom<Kind | "gemm">("wasm", "js", "gemm"),
    });
    fc.assert(
      fc.property(
        shape.chain((s) =>
          fc.tuple(
            fc.constant(s),
            fc.array(value, { minLength: s.m * s.k, maxLength: s.m * s.k }),
            fc.array(value, { minLength: s.k * s.n, maxLength: s.k * s.n }),
            fc.array(value, { minLength: s.m * s.n, maxLength: s.m * s.n }),
          ),
        ),
        ([s, a, b, c]) => {
          check(s.kind, s, Float64Array.from(a), Float64Array.from(b), Float64Array.from(c));
        },
      ),
      { numRuns: 300, seed: 20240605 },
    );
  });
});

describe("the engine's named products are gemm with the flags their names say", () => {
  test.each([
    ["matmul (C = A·B)", matmul, {}],
    ["matmulBt (C = A·Bᵀ)", matmulBt, { transB: true }],
    ["addMatmulBt (C += A·Bᵀ)", addMatmulBt, { transB: true, accumulate: true }],
    ["matmulAt (C = Aᵀ·B)", matmulAt, { transA: true }],
  ] as const)("%s", (_name, named, flags) => {
    const r = rng(10);
    // a non-square shape, so that a swapped transpose would read the wrong elements or sizes
    for (const [m, n, k] of [
      [3, 5, 4],
      [40, 24, 33],
    ] as const) {
      const A = randomArray(m * k, r);
      const B = randomArray(k * n, r);
      const C0 = randomArray(m * n, r);
      const want = C0.slice();
      const got = C0.slice();
      gemmNaive(A, B, want, m, n, k, flags);
      named(A, B, got, m, n, k);
      expect(firstDifference(want, got)).toBe(-1);
    }
  });
});
