/**
 * The transcendental functions the engine owns (lib/sim/fdlibm.ts) and their wasm SIMD versions
 * (lib/sim/kernels/vector-math.ts, elementwise.ts), compared bit for bit:
 *
 *   scalar port  vs  Math.*      — 0 ulp: V8 (Node 20) computes Math.log/sin/cos/expm1/tanh with
 *                                  fdlibm ports, and so do we (fdlibm's own bound: < 1 ulp from
 *                                  the true value);
 *   SIMD lanes   vs  scalar port — 0 ulp: the same IEEE operations in the same order.
 *
 * Inputs: random bit patterns (every exponent, both signs, subnormals, NaN payloads), random values
 * in the ranges the engine uses, the special values, and both sides of every branch threshold.
 */
import { afterEach, describe, expect, it } from "vitest";
import { cos, expm1, log, sin, tanh } from "@/lib/sim/fdlibm";
import { elementwiseKernel, emitElementwiseModules, setElementwiseKernel } from "@/lib/sim/kernels/elementwise";
import { Code, vLog, vSinCos, vTanh } from "@/lib/sim/kernels/vector-math";
import { assemble, instantiate } from "@/lib/sim/kernels/wasm-assembler";
import { Rng } from "@/lib/sim/rng";

/** mulberry32: a reproducible source of test inputs, independent of the engine's sfc32. */
function mulberry(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const view = new DataView(new ArrayBuffer(8));
const fromBits = (hi: number, lo: number) => {
  view.setUint32(0, hi >>> 0);
  view.setUint32(4, lo >>> 0);
  return view.getFloat64(0);
};
/** x and its neighbours k ulps away (same sign), for branch thresholds. */
const around = (x: number, k = 3): number[] => {
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const out: number[] = [];
  for (let d = -k; d <= k; d++) {
    view.setBigUint64(0, bits + BigInt(d));
    out.push(view.getFloat64(0));
  }
  return out;
};

const SPECIAL = [
  0,
  -0,
  Infinity,
  -Infinity,
  Number.NaN,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  2.2250738585072014e-308,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  1,
  -1,
  0.5,
  2,
];

/** Inputs: n random bit patterns, n uniform in [lo, hi], n log-uniform magnitudes in [2^-60, 2^6] of both signs, the specials and the thresholds. */
function inputs(seed: number, n: number, lo: number, hi: number, thresholds: number[]): Float64Array {
  const r = mulberry(seed);
  const xs: number[] = [...SPECIAL, ...thresholds.flatMap((t) => [...around(t), ...around(-t)])];
  for (let i = 0; i < n; i++) xs.push(fromBits(r() * 2 ** 32, r() * 2 ** 32));
  for (let i = 0; i < n; i++) xs.push(lo + (hi - lo) * r());
  for (let i = 0; i < n; i++) xs.push((r() < 0.5 ? -1 : 1) * 2 ** (-60 + 66 * r()));
  return Float64Array.from(xs);
}

/** Indices where two arrays differ in bits (NaN ≡ NaN: payloads are not specified). */
function differences(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (!(Object.is(x, y) || (Number.isNaN(x) && Number.isNaN(y)))) out.push(i);
  }
  return out;
}

const describeMismatch = (xs: Float64Array, got: ArrayLike<number>, want: ArrayLike<number>, idx: number[]) =>
  idx.slice(0, 3).map((i) => `x=${xs[i]} got ${got[i]} want ${want[i]}`);

const N = 300_000;
/** fdlibm's branch thresholds, as doubles (the high words the code compares against). */
const TANH_THRESHOLDS = [
  2 ** -28,
  1,
  22,
  fromBits(0x3fd62e42, 0) / 2,
  fromBits(0x3ff0a2b2, 0) / 2,
  0.5 * Math.LN2,
  19.06,
  0.3466,
];
const EXPM1_THRESHOLDS = [
  2 ** -54,
  fromBits(0x3fd62e42, 0),
  fromBits(0x3fd62e43, 0),
  fromBits(0x3ff0a2b2, 0),
  fromBits(0x4043687a, 0),
  fromBits(0x40862e42, 0),
  709.782712893384,
  0.25,
  20 * Math.LN2,
  56 * Math.LN2,
];
const LOG_THRESHOLDS = [
  2.2250738585072014e-308,
  Math.SQRT2,
  Math.SQRT1_2,
  1 + 2 ** -20,
  1 - 2 ** -20,
  fromBits(0x3ff6147a, 0),
  fromBits(0x3ff6b851, 0),
  fromBits(0x3fe6147a, 0),
  fromBits(0x3fe6b851, 0),
];
const TRIG_THRESHOLDS = [
  Math.PI / 4,
  (3 * Math.PI) / 4,
  Math.PI / 2,
  Math.PI,
  (3 * Math.PI) / 2,
  2 * Math.PI,
  2 ** -27,
  0.3,
  0.78125,
  fromBits(0x3fe921fb, 0),
  fromBits(0x4002d97c, 0),
];

describe("fdlibm ports against V8's Math.* (0 ulp)", () => {
  it.each([
    ["log", log, Math.log, inputs(1, N, 0, 4, LOG_THRESHOLDS)],
    ["expm1", expm1, Math.expm1, inputs(2, N, -50, 50, EXPM1_THRESHOLDS)],
    ["tanh", tanh, Math.tanh, inputs(3, N, -25, 25, TANH_THRESHOLDS)],
    ["sin", sin, Math.sin, inputs(4, N, -1e6, 1e6, TRIG_THRESHOLDS)],
    ["cos", cos, Math.cos, inputs(5, N, -1e6, 1e6, TRIG_THRESHOLDS)],
  ] as const)("%s", (_name, port, reference, xs) => {
    const got = xs.map(port);
    const want = xs.map(reference);
    const bad = differences(got, want);
    expect(describeMismatch(xs, got, want, bad)).toEqual([]);
  });

  it("sin and cos of the Box–Muller angle 2π·u, u on the 53-bit grid, and next to every quadrant boundary", () => {
    const r = mulberry(6);
    const xs: number[] = [];
    for (let i = 0; i < N; i++)
      xs.push(2 * Math.PI * ((Math.floor(r() * 2 ** 26) * 2 ** 27 + Math.floor(r() * 2 ** 27)) / 2 ** 53));
    for (let k = 0; k <= 4; k++) xs.push(...around((k * Math.PI) / 2, 64));
    const arr = Float64Array.from(xs);
    for (const [port, reference] of [
      [sin, Math.sin],
      [cos, Math.cos],
    ] as const) {
      const got = arr.map(port);
      const want = arr.map(reference);
      expect(describeMismatch(arr, got, want, differences(got, want))).toEqual([]);
    }
  });
});

/** A test module applying one vector function elementwise: f(src, dst, pairs). */
function vectorFunction(emit: (c: Code, x: string) => string): (xs: Float64Array) => Float64Array {
  const c = new Code();
  const y = c.let(emit(c, "local.get $src v128.load"));
  c.emit(`local.get $dst ${y} v128.store`);
  const { prologue, body } = c.hoistConstants();
  const exports = instantiate(
    assemble([
      {
        name: "f",
        params: [
          ["$src", "i32"],
          ["$dst", "i32"],
          ["$pairs", "i32"],
        ],
        locals: c.locals,
        body: `${prologue} loop ${body}
          local.get $src i32.const 16 i32.add local.set $src
          local.get $dst i32.const 16 i32.add local.set $dst
          local.get $pairs i32.const 1 i32.sub local.tee $pairs br_if 0 end`,
      },
    ]),
  );
  if (!exports) throw new Error("WebAssembly SIMD is not available");
  const mem = exports.mem as WebAssembly.Memory;
  const f = exports.f as (src: number, dst: number, pairs: number) => void;
  return (xs) => {
    const pairs = Math.ceil(xs.length / 2);
    const bytes = 32 * pairs + 64;
    if (mem.buffer.byteLength < bytes) mem.grow(Math.ceil((bytes - mem.buffer.byteLength) / 65536));
    const m = new Float64Array(mem.buffer);
    m.set(xs, 0);
    f(0, 16 * pairs, pairs);
    return m.slice(2 * pairs, 2 * pairs + xs.length);
  };
}

describe("wasm SIMD lanes against the scalar ports (0 ulp)", () => {
  it("log, every double", () => {
    const xs = inputs(11, N, 0, 4, LOG_THRESHOLDS);
    const got = vectorFunction(vLog)(xs);
    const want = xs.map(log);
    expect(describeMismatch(xs, got, want, differences(got, want))).toEqual([]);
  });

  it("tanh, every double", () => {
    const xs = inputs(12, N, -25, 25, [...TANH_THRESHOLDS, ...EXPM1_THRESHOLDS.map((t) => t / 2)]);
    const got = vectorFunction(vTanh)(xs);
    const want = xs.map(tanh);
    expect(describeMismatch(xs, got, want, differences(got, want))).toEqual([]);
  });

  it("sin and cos on [0, 2π), and next to every quadrant boundary", () => {
    const r = mulberry(13);
    const xs: number[] = [];
    for (let i = 0; i < N; i++) xs.push(2 * Math.PI * r());
    for (let k = 0; k <= 3; k++) xs.push(...around((k * Math.PI) / 2, 64).filter((x) => x >= 0));
    xs.push(...around((3 * Math.PI) / 4), ...around(Math.PI / 4), 0, 2 ** -30);
    const arr = Float64Array.from(xs.filter((x) => x < 2 * Math.PI));
    for (const [part, port] of [
      ["sin", sin],
      ["cos", cos],
    ] as const) {
      const got = vectorFunction((c, x) => vSinCos(c, x)[part])(arr);
      const want = arr.map(port);
      expect(describeMismatch(arr, got, want, differences(got, want)), part).toEqual([]);
    }
  });
});

describe("the engine's elementwise kernels", () => {
  afterEach(() => setElementwiseKernel("auto"));

  it("compile where the engine runs (Node 20: wasm SIMD), each module under the 4 KiB browsers compile synchronously", () => {
    expect(elementwiseKernel()).not.toBeNull();
    for (const bytes of emitElementwiseModules()) {
      expect(WebAssembly.validate(bytes)).toBe(true);
      expect(bytes.length).toBeLessThan(4096);
    }
  });

  it("tanh over arrays of every length 0…9 and a long one: the scalar port's bits; in place too", () => {
    const kernel = elementwiseKernel()!;
    const xs = inputs(21, 20_000, -25, 25, TANH_THRESHOLDS);
    for (const n of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, xs.length]) {
      const out = new Float64Array(n + 1).fill(7);
      kernel.tanh(xs, out, n);
      expect(differences(out.subarray(0, n), xs.subarray(0, n).map(tanh)), `n = ${n}`).toEqual([]);
      expect(out[n]).toBe(7); // nothing past n is written
    }
    const inPlace = Float64Array.from(xs);
    kernel.tanh(inPlace, inPlace, inPlace.length);
    expect(differences(inPlace, xs.map(tanh))).toEqual([]);
  });

  it("fillNormal: the same stream from the kernel and from normal() — any length, any std, the spare carried across calls", () => {
    const draw = (kind: "wasm" | "js") => {
      setElementwiseKernel(kind);
      const r = new Rng(2024, 3);
      return [1, 7, 4, 0, 13, 40_001, 2].map((n, i) =>
        r.fillNormal(new Float64Array(n), [1, 0.3, 2.5, 1, 1e-3, 1.7, 1][i]),
      );
    };
    const a = draw("wasm");
    const b = draw("js");
    for (const [i, x] of a.entries()) expect(differences(x, b[i]!), `call ${i}`).toEqual([]);
    // normal() one at a time gives the same numbers again
    const r = new Rng(2024, 3);
    const one = Float64Array.from({ length: 1 + 7 + 4 }, (_, i) => (i === 0 ? 1 : i < 8 ? 0.3 : 2.5) * r.normal());
    expect(differences([...a[0]!, ...a[1]!, ...a[2]!], one)).toEqual([]);
  });

  it("is deterministic: the same inputs give the same bits on every call", () => {
    const kernel = elementwiseKernel()!;
    const xs = inputs(31, 10_000, -5, 5, []);
    const once = new Float64Array(xs.length);
    const twice = new Float64Array(xs.length);
    kernel.tanh(xs, once, xs.length);
    kernel.tanh(xs, twice, xs.length);
    expect(differences(once, twice)).toEqual([]);
    expect(
      differences(new Rng(5, 1).fillNormal(new Float64Array(999)), new Rng(5, 1).fillNormal(new Float64Array(999))),
    ).toEqual([]);
  });
});
