/**
 * Seeded PRNG: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state,
 * passes PractRand) seeded through splitmix32. Gaussians by Box–Muller with fdlibm's log, sin and
 * cos (fdlibm.ts): the same bits in every JavaScript engine, and drawn in bulk by the wasm SIMD
 * kernel (kernels/elementwise.ts), which gives the same bits again.
 *
 * Every random draw in the engine comes from an `Rng` built from (config.seed, stream), one
 * stream per purpose (weights, inputs, targets), so e.g. changing `depth` does not change x or y.
 */

/** splitmix32 step: a Weyl sequence through the murmur3 finaliser; good for seeding. */
function splitmix32(state: number): [next: number, out: number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [next, (z ^ (z >>> 16)) >>> 0];
}

/** Named streams: a purpose → an independent sequence for the same seed. */
export const STREAM = {
  weights: 1,
  inputs: 2,
  targets: 3,
} as const;

import { cos, log, sin } from "./fdlibm";
import { elementwiseKernel } from "./kernels/elementwise";

const TWO_POW_26 = 67108864;
/** 2⁻⁵³: multiplying by it is exact (it only shifts the exponent), like dividing by 2⁵³, and cheaper. */
const TWO_POW_MINUS_53 = 2 ** -53;

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number, stream = 0) {
    let s = (seed >>> 0) ^ Math.imul(stream + 1, 0x632be5ab);
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [next, out] = splitmix32(s);
      s = next;
      words.push(out);
    }
    [this.a, this.b, this.c, this.d] = words as [number, number, number, number];
    for (let i = 0; i < 12; i++) this.nextU32(); // standard sfc32 warm-up
  }

  /** Next uniform 32-bit unsigned integer. */
  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextU32() >>> 5;
    const lo = this.nextU32() >>> 6;
    return (hi * TWO_POW_26 + lo) * TWO_POW_MINUS_53;
  }

  /** Standard normal via Box–Muller; both values of a pair are used. */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    const u1 = 1 - this.uniform(); // (0, 1]: log is finite
    const u2 = this.uniform();
    const r = Math.sqrt(-2 * log(u1));
    const theta = 2 * Math.PI * u2;
    this.spare = r * sin(theta);
    this.hasSpare = true;
    return r * cos(theta);
  }

  /** Fill `out` with N(0, std²): out[i] = std · normal(), in stream order. */
  fillNormal(out: Float64Array, std = 1): Float64Array {
    let i = 0;
    if (this.hasSpare && out.length > 0) out[i++] = std * this.normal();
    const kernel = elementwiseKernel();
    const bulk = (out.length - i) & ~3; // whole pairs of pairs, no spare left over
    if (kernel && bulk > 0) {
      const state = { a: this.a, b: this.b, c: this.c, d: this.d };
      kernel.normals(state, out, i, bulk, std);
      ({ a: this.a, b: this.b, c: this.c, d: this.d } = state);
      i += bulk;
    }
    for (; i < out.length; i++) out[i] = std * this.normal();
    return out;
  }

  /** Fill `out` with Bernoulli(½) values in {0, 1} (one uniform each: 1 when it is below ½). */
  fillBernoulli(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.uniform() < 0.5 ? 1 : 0;
    return out;
  }

  /** Fill `out` with U(lo, hi). */
  fillUniform(out: Float64Array, lo: number, hi: number): Float64Array {
    const span = hi - lo;
    for (let i = 0; i < out.length; i++) out[i] = lo + span * this.uniform();
    return out;
  }
}
