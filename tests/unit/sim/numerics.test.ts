/** Building blocks: PRNG, half-precision rounding, erf, QR and the spectral radius. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { erf, erfc } from "../../../lib/sim/erf";
import { gemm } from "../../../lib/sim/kernels/gemm";
import { spectralRadius } from "../../../lib/sim/linalg";
import { toHalf } from "../../../lib/sim/precision";
import { orthogonalFromQr } from "../../../lib/sim/qr";
import { Rng } from "../../../lib/sim/rng";

describe("Rng (sfc32 seeded by splitmix32, Box–Muller)", () => {
  it("is deterministic per (seed, stream) and differs across seeds and streams", () => {
    const draw = (seed: number, stream: number) =>
      Array.from({ length: 5 }, () => new Rng(seed, stream)).map((r) => r.nextU32());
    expect(draw(1, 1)).toEqual(draw(1, 1));
    const a = new Rng(1, 1).fillNormal(new Float64Array(8));
    expect(new Rng(1, 1).fillNormal(new Float64Array(8))).toEqual(a);
    expect(new Rng(2, 1).fillNormal(new Float64Array(8))).not.toEqual(a);
    expect(new Rng(1, 2).fillNormal(new Float64Array(8))).not.toEqual(a);
  });

  it("gives N(0,1) moments and U[0,1) range (1e5 draws: mean ±0.01, variance ±0.02)", () => {
    const r = new Rng(42);
    const n = 100_000;
    let s = 0,
      s2 = 0,
      s4 = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
      s4 += z ** 4;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.01);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.02);
    expect(Math.abs(s4 / n - 3)).toBeLessThan(0.1); // Gaussian kurtosis
    let lo = 1,
      hi = 0;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
  });
});

/** Independent reference: float64 bits → binary16 with round-to-nearest-even, via BigInt. */
function halfReference(x: number): number {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  const sign = bits >> 63n ? -1 : 1;
  const e = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  if (e === 0x7ff) return mant ? NaN : sign * Infinity;
  if (e === 0 && mant === 0n) return sign * 0;
  // value = m · 2^(E) with integer significand m (53 bits for normals)
  let E = e === 0 ? -1074 : e - 1075;
  if (e !== 0) mant |= 1n << 52n;
  // target quantum: 2^-24 for subnormal halves, else 2^(exponent − 10)
  const exponent = e === 0 ? -1023 : e - 1023;
  const qExp = Math.max(exponent - 10, -24);
  const shift = BigInt(qExp - E); // drop this many low bits with RNE
  let q: bigint;
  if (shift <= 0n) q = mant << -shift;
  else {
    const half = 1n << (shift - 1n);
    const rem = mant & ((1n << shift) - 1n);
    q = mant >> shift;
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
  }
  E = qExp;
  const v = Number(q) * 2 ** E;
  return sign * (v > 65504 ? Infinity : v);
}

describe("toHalf: float64 → IEEE binary16 → float64, round to nearest even", () => {
  it.each([
    [65504, 65504],
    [65519.99, 65504],
    [65520, Infinity], // tie between 65504 (odd mantissa) and 2^16 → even → overflow
    [-65520, -Infinity],
    [1e6, Infinity],
    [2 ** -24, 2 ** -24], // smallest subnormal
    [2 ** -25, 0], // tie between 0 and 2^-24 → even (0)
    [-(2 ** -25), -0],
    [2 ** -25 * 1.000001, 2 ** -24],
    [3 * 2 ** -25, 2 ** -23], // tie 1.5 quanta → 2
    [2 ** -14, 2 ** -14], // smallest normal
    [2 ** -14 - 2 ** -25, 2 ** -14], // 1023.5 quanta → 1024
    [1 + 2 ** -11, 1], // tie → even mantissa 0
    [1 + 3 * 2 ** -11, 1 + 2 ** -9], // tie → even mantissa 2
    [0.1, 0.0999755859375],
    [1 / 3, 0.333251953125],
    [Math.PI, 3.140625],
  ])("%s → %s", (x, want) => {
    expect(Object.is(toHalf(x), want)).toBe(true);
    expect(Object.is(halfReference(x), want)).toBe(true);
  });

  it("keeps NaN, ±0 and ±Infinity", () => {
    expect(toHalf(NaN)).toBeNaN();
    expect(Object.is(toHalf(-0), -0)).toBe(true);
    expect(toHalf(-Infinity)).toBe(-Infinity);
  });

  it("agrees with the bit-level reference on random doubles across the whole half range (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -70000, max: 70000, noNaN: true }), fc.integer({ min: -30, max: 0 }), (x, e) => {
        const v = x * 2 ** e;
        return Object.is(toHalf(v), halfReference(v));
      }),
      { numRuns: 5000 },
    );
  });
});

describe("erf / erfc", () => {
  it.each([
    [0.1, 0.1124629160182849],
    [0.5, 0.5204998778130465],
    [1, 0.8427007929497149],
    [2, 0.9953222650189527],
    [2.5, 0.999593047982555],
    [3, 0.9999779095030014],
  ])("erf(%s)", (x, want) => {
    expect(Math.abs(erf(x) - want)).toBeLessThan(2e-16 * 4);
    expect(Math.abs(erf(-x) + want)).toBeLessThan(2e-16 * 4);
  });
  it.each([
    [3, 2.209049699858544e-5],
    [5, 1.5374597944280349e-12],
    [10, 2.088487583762545e-45],
  ])("erfc(%s) to 1e-13 relative", (x, want) => {
    expect(Math.abs(erfc(x) / want - 1)).toBeLessThan(1e-13);
  });
  it("is smooth across the series/continued-fraction switch at 2.5 (slope = −2/√π·e^{−x²} to 1e-6)", () => {
    const h = 1e-6;
    const slope = (erfc(2.5 + h) - erfc(2.5 - h)) / (2 * h);
    expect(Math.abs(slope / ((-2 / Math.sqrt(Math.PI)) * Math.exp(-6.25)) - 1)).toBeLessThan(1e-6);
  });
});

describe("orthogonal init: blocked Householder QR with the sign fix", () => {
  it("QᵀQ = I to 1e-13 and Qᵀ·G has a positive diagonal (R with the sign fix)", () => {
    const n = 40;
    const G = new Rng(3).fillNormal(new Float64Array(n * n));
    const Q = orthogonalFromQr(G, n);
    const QtQ = new Float64Array(n * n);
    gemm(Q, Q, QtQ, n, n, n, { transA: true });
    let err = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) err = Math.max(err, Math.abs((QtQ[i * n + j] as number) - (i === j ? 1 : 0)));
    expect(err).toBeLessThan(1e-13);
    const R = new Float64Array(n * n);
    gemm(Q, G, R, n, n, n, { transA: true });
    for (let i = 0; i < n; i++) {
      expect(R[i * n + i]).toBeGreaterThan(0);
      for (let j = 0; j < i; j++) expect(Math.abs(R[i * n + j] as number)).toBeLessThan(1e-12);
    }
  });
});

describe("spectral radius (Gelfand's formula by repeated squaring)", () => {
  /** P·T·Pᵀ for a random orthogonal P: same eigenvalues as T. */
  function conjugate(T: Float64Array, n: number, seed: number): Float64Array {
    const P = orthogonalFromQr(new Rng(seed).fillNormal(new Float64Array(n * n)), n);
    const PT = new Float64Array(n * n);
    const out = new Float64Array(n * n);
    gemm(P, T, PT, n, n, n);
    gemm(PT, P, out, n, n, n, { transB: true });
    return out;
  }

  /** Quasi-triangular T: a complex pair 0.5 ± 1.2i (|λ| = 1.3) on top, real eigenvalues 1.0 … 0.5 below, coupling `off` above the diagonal. */
  function pairPlusReals(off: number): Float64Array {
    const n = 8;
    const T = new Float64Array(n * n);
    T[0] = 0.5;
    T[1] = -1.2;
    T[n] = 1.2;
    T[n + 1] = 0.5;
    for (let i = 2; i < n; i++) T[i * n + i] = 1.2 - 0.1 * i;
    for (let i = 0; i < n; i++) for (let j = i + 2; j < n; j++) T[i * n + j] = off;
    return T;
  }

  it.each([
    [0, 1e-14],
    [1, 1e-14],
    [5, 1e-10], // strongly non-normal: measured error 3e-12
  ])("finds a dominant complex-conjugate pair (where power iteration oscillates), coupling %s", (off, tol) => {
    expect(Math.abs(spectralRadius(conjugate(pairPlusReals(off), 8, 5), 8) - 1.3)).toBeLessThan(tol);
  });

  it("is exact on a 64×64 random-like matrix with known spectrum (Gaussian upper part, |λ|max = 1.1 complex pair)", () => {
    const n = 64;
    const r = new Rng(4);
    const T = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) T[i * n + j] = r.normal() / Math.sqrt(n);
    const b = Math.sqrt(1.1 ** 2 - 0.6 ** 2);
    T[0] = 0.6;
    T[1] = -b;
    T[n] = b;
    T[n + 1] = 0.6;
    for (let i = 2; i < n; i++) T[i * n + i] = 2 * r.uniform() - 1;
    expect(Math.abs(spectralRadius(conjugate(T, n, 8), n) - 1.1)).toBeLessThan(1e-12);
  });

  it("is 0 for a nilpotent matrix and |λ| for a scaled rotation", () => {
    expect(spectralRadius(new Float64Array([0, 1, 0, 0]), 2)).toBe(0);
    expect(spectralRadius(new Float64Array([0, -2, 2, 0]), 2)).toBeCloseTo(2, 14);
  });

  it("a 128×128 Gaussian matrix has ρ ≈ √n (circular law; measured ρ/√n = 1.007)", () => {
    const n = 128;
    const r = spectralRadius(new Rng(1, 9).fillNormal(new Float64Array(n * n)), n);
    expect(r / Math.sqrt(n)).toBeGreaterThan(0.9);
    expect(r / Math.sqrt(n)).toBeLessThan(1.15);
  });
});
