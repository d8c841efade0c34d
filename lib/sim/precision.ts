/**
 * Reduced-precision emulation. The engine computes in float64; under fp32/fp16 every op's output
 * (each elementwise op, each gemm output, each normalisation statistic) is rounded to the target
 * format. Gemm accumulates in float64 before its output is rounded — like fp16 tensor cores with
 * a wide accumulator.
 */

import type { PrecisionName } from "./choices";

export const HALF_MAX = 65504;

/**
 * Rounding by the magic-constant trick: for |x| in [2^e, 2^(e+1)), adding C = 1.5·2^(e+42) puts
 * the sum in a binade whose ulp is 2^(e−10) — the half-precision quantum at x — so the hardware's
 * round-to-nearest-even addition does the rounding, and subtracting C is exact (Sterbenz).
 * MAGIC[k] serves the biased float64 exponent 1009 + k (e = −14 … 15, the normal halves).
 */
const MAGIC = new Float64Array(30);
MAGIC[0] = 1.5 * 268435456; // 1.5·2^28 (e = −14)
for (let k = 1; k < 30; k++) MAGIC[k] = MAGIC[k - 1]! * 2;
/** Below 2^-14 the quantum is fixed at 2^-24 (subnormals): C = 1.5·2^28 as for e = −14. */
const SUBNORMAL_MAGIC = 1.5 * 268435456;

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer); // little-endian: U32[1] holds sign, exponent, top mantissa

/**
 * float64 → nearest IEEE-754 binary16 (round to nearest, ties to even) → float64.
 * Subnormals kept (quantum 2^-24); |x| ≤ 2^-25 flushes to ±0 (2^-25 is a tie, 0 is even);
 * |x| ≥ 65520 overflows to ±Infinity (65520 is a tie between 65504, odd, and 2^16); NaN stays NaN.
 */
export function toHalf(x: number): number {
  F64[0] = x;
  const biased = (U32[1]! >>> 20) & 0x7ff;
  if (biased >= 1009) {
    if (biased > 1038) return Number.isNaN(x) ? x : x > 0 ? Infinity : -Infinity; // |x| ≥ 2^16, ±Inf, NaN
    const c = MAGIC[biased - 1009]!;
    const r = x + c - c;
    return r > HALF_MAX ? Infinity : r < -HALF_MAX ? -Infinity : r;
  }
  const r = x + SUBNORMAL_MAGIC - SUBNORMAL_MAGIC;
  return r === 0 ? x * 0 : r; // keep the sign of zero
}

/** Rounds a value or a buffer to a storage format; `null` stands for float64 (nothing to do). */
export interface Quantizer {
  readonly name: PrecisionName;
  round(x: number): number;
  roundArray(buf: Float64Array, start?: number, end?: number): void;
}

const fp32: Quantizer = {
  name: "fp32",
  round: Math.fround,
  roundArray(buf, start = 0, end = buf.length) {
    for (let i = start; i < end; i++) buf[i] = Math.fround(buf[i]!);
  },
};

const fp16: Quantizer = {
  name: "fp16",
  round: toHalf,
  roundArray(buf, start = 0, end = buf.length) {
    for (let i = start; i < end; i++) buf[i] = toHalf(buf[i]!);
  },
};

/** The numerical context of a run, the same for every model. */
export interface NumericContext {
  /** rounding of every compute op's output (null = float64) */
  q: Quantizer | null;
  /** the loss gradient is multiplied by this before backprop and the grads divided after */
  lossScale: number;
}

/** The quantizer of the compute format, or null for float64. */
export function computeQuantizer(p: PrecisionName): Quantizer | null {
  return p === "fp16" ? fp16 : p === "fp32" ? fp32 : null;
}

/**
 * The quantizer of the master weights (what the optimizer updates): float32 for both fp32 and
 * fp16 (mixed-precision practice: fp16 compute, fp32 master copy), float64 otherwise.
 */
export function masterQuantizer(p: PrecisionName): Quantizer | null {
  return p === "fp64" ? null : fp32;
}
