/**
 * The transcendental functions the engine's random draws and activations depend on, as our own
 * TypeScript ports of fdlibm (Sun's freely distributable libm, 1993) — the algorithms V8 has used
 * for Math.log, Math.sin, Math.cos, Math.expm1 and Math.tanh (src/base/ieee754.cc), so on Node 20
 * these give Math.*'s bits exactly (tests/unit/kernels/elementwise.test.ts checks it). Why own them:
 *
 *   - the wasm SIMD kernels (kernels/elementwise.ts) compute the same operations in the same
 *     order, so both give identical bits and a vector kernel can replace a Math.* loop without
 *     changing any result;
 *   - a result must not depend on which libm the JavaScript engine happens to ship: newer V8
 *     (Chrome) computes Math.sin/cos/log with LLVM's libc, Safari with the system's, and arm64
 *     builds may contract a·b + c into a fused multiply-add. JavaScript's + − × ÷ and √ are
 *     correctly rounded everywhere, so these ports are the same bits in every engine.
 *
 * Accuracy (fdlibm's): < 1 ulp from the true value. Domains: log, expm1, tanh — every double;
 * sin and cos — |x| ≤ 2¹⁹·π/2 (≈ 823 550) by fdlibm's medium-size argument reduction, which covers
 * the engine's use (Box–Muller's angle is in [0, 2π)); beyond that they defer to Math.sin/cos.
 */

const F64 = new Float64Array(1);
const I32 = new Int32Array(F64.buffer); // little-endian: I32[1] is the high word (sign, exponent, top of the mantissa)

/** fdlibm's GET_HIGH_WORD: the upper 32 bits of x, as a signed integer. */
export function highWord(x: number): number {
  F64[0] = x;
  return I32[1]!;
}

function lowWord(x: number): number {
  F64[0] = x;
  return I32[0]! >>> 0;
}

/** fdlibm's INSERT_WORDS(x, hi, 0). */
function fromHigh(hi: number): number {
  I32[1] = hi;
  I32[0] = 0;
  return F64[0]!;
}

/** fdlibm's SET_HIGH_WORD(x, hi). */
function withHigh(x: number, hi: number): number {
  F64[0] = x;
  I32[1] = hi;
  return F64[0]!;
}

const HUGE = 1e300;
const TINY = 1e-300;
export const LN2_HI = 0.6931471803691238; // 0x3FE62E42 FEE00000
export const LN2_LO = 1.9082149292705877e-10; // 0x3DEA39EF 35793C76

// ---- log ---------------------------------------------------------------------------------------

export const TWO54 = 1.8014398509481984e16;
export const LG1 = 0.6666666666666735;
export const LG2 = 0.3999999999940942;
export const LG3 = 0.2857142874366239;
export const LG4 = 0.22222198432149784;
export const LG5 = 0.1818357216161805;
export const LG6 = 0.15313837699209373;
export const LG7 = 0.14798198605116586;

/**
 * Natural logarithm (fdlibm e_log.c): x = 2^k·(1 + f) with √2/2 < 1 + f < √2, then
 * log(1 + f) = f − s·(f − R(s²)) with s = f/(2 + f) and R a degree-14 minimax polynomial.
 */
export function log(x: number): number {
  let hx = highWord(x);
  const lx = lowWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity; // log(±0)
    if (hx < 0) return NaN; // log(negative)
    k -= 54; // subnormal: scale up
    x *= TWO54;
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x; // +Infinity or NaN
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  x = withHigh(x, hx | (i ^ 0x3ff00000)); // x or x/2 into [√2/2, √2)
  k += i >> 20;
  const f = x - 1;
  const dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20
    if (f === 0) return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
    const R = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - R : dk * LN2_HI - (R - dk * LN2_LO - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const R = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + R)) : dk * LN2_HI - (hfsq - (s * (hfsq + R) + dk * LN2_LO) - f);
  }
  return k === 0 ? f - s * (f - R) : dk * LN2_HI - (s * (f - R) - dk * LN2_LO - f);
}

// ---- expm1 and tanh ----------------------------------------------------------------------------

const O_THRESHOLD = 709.782712893384;
const INVLN2 = 1.4426950408889634;
// fdlibm's Q1…Q5 scaled by 2^n, for R(2z) with z = x²/2
const Q1 = -0.03333333333333313;
const Q2 = 0.0015873015872548146;
const Q3 = -0.0000793650757867488;
const Q4 = 0.000004008217827329362;
const Q5 = -2.0109921818362437e-7;
/** The literal V8 multiplies by for k = 1024 (it stands for 2^1023; used only for x ≈ 709.78). */
const V8_TWO1023 = 8.98846567431158e307;

/** The double whose high word is h (low word 0): fdlibm's thresholds on the high word as doubles. */
const hw = (h: number): number => fromHigh(h);
// ix < H ⟺ |x| < hw(H) for |x|'s high word ix (and ix > H ⟺ |x| ≥ hw(H + 1)): the branches below
// compare |x|, as the vector kernels do, instead of reading the high word of every argument.
const EXPM1_BIG = hw(0x4043687a); // 56·ln2
const EXPM1_HUGE = hw(0x40862e42); // 709.78…
const EXPM1_REDUCE = hw(0x3fd62e43); // > ln2/2
const EXPM1_NEAR = hw(0x3ff0a2b2); // 1.5·ln2
const EXPM1_TINY = hw(0x3c900000); // 2^-54
const TANH_TINY = hw(0x3e300000); // 2^-28
const TANH_ONE = hw(0x40360000); // 22
/** POW2[k + 64] = 2^k for −64 ≤ k ≤ 1024 (Infinity at 1024, as fdlibm's INSERT_WORDS gives), built exactly by doubling. */
const POW2 = new Float64Array(64 + 1025);
POW2[64] = 1;
for (let k = 1; k <= 1024; k++) POW2[64 + k] = POW2[63 + k]! * 2;
for (let k = 1; k <= 64; k++) POW2[64 - k] = POW2[65 - k]! / 2;

/**
 * e^x − 1 (fdlibm s_expm1.c): x = k·ln2 + r, |r| ≤ ln2/2, with a correction c for the rounding of
 * r; expm1(r) from a degree-10 rational form, then scaled back by 2^k in one of five ways chosen
 * for accuracy.
 */
export function expm1(x: number): number {
  if (Number.isNaN(x)) return x + x;
  const ax = Math.abs(x);
  const negative = x < 0;
  if (ax >= EXPM1_BIG) {
    if (ax >= EXPM1_HUGE) {
      if (ax === Infinity) return negative ? -1 : x;
      if (x > O_THRESHOLD) return HUGE * HUGE; // overflow
    }
    if (negative) return TINY - 1; // −1
  }
  let k = 0;
  let c = 0;
  if (ax >= EXPM1_REDUCE) {
    let hi: number;
    let lo: number;
    if (ax < EXPM1_NEAR) {
      hi = negative ? x + LN2_HI : x - LN2_HI;
      lo = negative ? -LN2_LO : LN2_LO;
      k = negative ? -1 : 1;
    } else {
      k = Math.trunc(INVLN2 * x + (negative ? -0.5 : 0.5));
      hi = x - k * LN2_HI; // exact
      lo = k * LN2_LO;
    }
    x = hi - lo;
    c = hi - x - lo;
  } else if (ax < EXPM1_TINY) {
    const t = HUGE + x;
    return x - (t - (HUGE + x));
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  const t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - hxs);
  const twopk = POW2[64 + k]!;
  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) return x < -0.25 ? -2 * (e - (x + 0.5)) : 1 + 2 * (x - e);
  if (k <= -2 || k > 56) {
    const y = 1 - (e - x);
    return (k === 1024 ? y * 2 * V8_TWO1023 : y * twopk) - 1;
  }
  if (k < 20) return (1 - POW2[64 - k]! - (e - x)) * twopk; // fdlibm builds 1 − 2^-k from its bits: the same double
  return (x - (e + POW2[64 - k]!) + 1) * twopk;
}

/**
 * Hyperbolic tangent (fdlibm s_tanh.c, V8's thresholds): x for |x| < 2^-28;
 * −t/(t + 2) with t = expm1(−2|x|) for |x| < 1; 1 − 2/(t + 2) with t = expm1(2|x|) for |x| < 22;
 * ±1 beyond; the sign of x.
 */
export function tanh(x: number): number {
  if (Number.isNaN(x)) return x + x;
  const ax = Math.abs(x);
  if (ax < TANH_TINY) return x; // fdlibm: "if (huge + x > one) return x", always true here
  let z: number;
  if (ax >= TANH_ONE)
    z = 1 - TINY; // 1 (±Infinity too)
  else if (ax >= 1) z = 1 - 2 / (expm1(2 * ax) + 2);
  else {
    const t = expm1(-2 * ax);
    z = -t / (t + 2);
  }
  return x < 0 ? -z : z;
}

// ---- sin and cos -------------------------------------------------------------------------------

const S1 = -0.16666666666666632;
const S2 = 0.00833333333332249;
const S3 = -0.0001984126982985795;
const S4 = 0.0000027557313707070068;
const S5 = -2.5050760253406863e-8;
const S6 = 1.58969099521155e-10;

/** sin(x + y) on [−π/4, π/4] (fdlibm k_sin.c); y is x's tail and is used only when `tail`. */
export function kernelSin(x: number, y: number, tail: boolean): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000 && Math.trunc(x) === 0) return x; // |x| < 2^-27
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  return tail ? x - (z * (0.5 * y - v * r) - y - v * S1) : x + v * (S1 + z * r);
}

const C1 = 0.0416666666666666;
const C2 = -0.001388888888887411;
const C3 = 0.00002480158728947673;
const C4 = -2.7557314351390663e-7;
const C5 = 2.087572321298175e-9;
const C6 = -1.1359647557788195e-11;

/** cos(x + y) on [−π/4, π/4] (fdlibm k_cos.c). */
export function kernelCos(x: number, y: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000 && Math.trunc(x) === 0) return 1; // |x| < 2^-27
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1 - (0.5 * z - (z * r - x * y)); // |x| < 0.3
  const qx = ix > 0x3fe90000 ? 0.28125 : fromHigh(ix - 0x00200000); // x/4, truncated
  return 1 - qx - (0.5 * z - qx - (z * r - x * y));
}

const INVPIO2 = 0.6366197723675814; // 53 bits of 2/π
const PIO2_1 = 1.5707963267341256; // first 33 bits of π/2
const PIO2_1T = 6.077100506506192e-11; // π/2 − PIO2_1
const PIO2_2 = 6.077100506303966e-11; // second 33 bits
const PIO2_2T = 2.0222662487959506e-21;
const PIO2_3 = 2.0222662487111665e-21; // third 33 bits
const PIO2_3T = 8.4784276603689e-32;
/** High words of n·π/2 for n = 1 … 32: an argument that close to one needs more bits of π/2. */
const NPIO2_HW = [
  0x3ff921fb, 0x400921fb, 0x4012d97c, 0x401921fb, 0x401f6a7a, 0x4022d97c, 0x4025fdbb, 0x402921fb, 0x402c463a,
  0x402f6a7a, 0x4031475c, 0x4032d97c, 0x40346b9c, 0x4035fdbb, 0x40378fdb, 0x403921fb, 0x403ab41b, 0x403c463a,
  0x403dd85a, 0x403f6a7a, 0x40407e4c, 0x4041475c, 0x4042106c, 0x4042d97c, 0x4043a28c, 0x40446b9c, 0x404534ac,
  0x4045fdbb, 0x4046c6cb, 0x40478fdb, 0x404858eb, 0x404921fb,
];

/** x rem π/2 as y0 + y1 and the quadrant n (fdlibm e_rem_pio2.c for π/4 < |x| ≤ 2¹⁹·π/2). */
export function remPio2(x: number): { n: number; y0: number; y1: number } {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix < 0x4002d97c) {
    // |x| < 3π/4: n = ±1
    if (hx > 0) {
      let z = x - PIO2_1;
      if (ix !== 0x3ff921fb) {
        const y0 = z - PIO2_1T;
        return { n: 1, y0, y1: z - y0 - PIO2_1T };
      }
      z -= PIO2_2; // near π/2: 33 + 33 + 53 bits of π/2
      const y0 = z - PIO2_2T;
      return { n: 1, y0, y1: z - y0 - PIO2_2T };
    }
    let z = x + PIO2_1;
    if (ix !== 0x3ff921fb) {
      const y0 = z + PIO2_1T;
      return { n: -1, y0, y1: z - y0 + PIO2_1T };
    }
    z += PIO2_2;
    const y0 = z + PIO2_2T;
    return { n: -1, y0, y1: z - y0 + PIO2_2T };
  }
  const t = Math.abs(x);
  const n = Math.trunc(t * INVPIO2 + 0.5);
  const fn = n;
  let r = t - fn * PIO2_1;
  let w = fn * PIO2_1T; // first round: good to 85 bits
  let y0 = r - w;
  if (!(n < 32 && ix !== NPIO2_HW[n - 1])) {
    const j = ix >> 20;
    if (j - ((highWord(y0) >> 20) & 0x7ff) > 16) {
      // second round: good to 118 bits
      let u = r;
      w = fn * PIO2_2;
      r = u - w;
      w = fn * PIO2_2T - (u - r - w);
      y0 = r - w;
      if (j - ((highWord(y0) >> 20) & 0x7ff) > 49) {
        // third round: 151 bits
        u = r;
        w = fn * PIO2_3;
        r = u - w;
        w = fn * PIO2_3T - (u - r - w);
        y0 = r - w;
      }
    }
  }
  const y1 = r - y0 - w;
  return hx < 0 ? { n: -n, y0: -y0, y1: -y1 } : { n, y0, y1 };
}

/** Largest |x| the ports reduce themselves (2¹⁹·π/2's high word). */
const MEDIUM = 0x413921fb;

export function sin(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelSin(x, 0, false); // |x| ≤ π/4
  if (ix >= 0x7ff00000) return x - x; // NaN
  if (ix > MEDIUM) return Math.sin(x);
  const { n, y0, y1 } = remPio2(x);
  switch (n & 3) {
    case 0:
      return kernelSin(y0, y1, true);
    case 1:
      return kernelCos(y0, y1);
    case 2:
      return -kernelSin(y0, y1, true);
    default:
      return -kernelCos(y0, y1);
  }
}

export function cos(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelCos(x, 0);
  if (ix >= 0x7ff00000) return x - x;
  if (ix > MEDIUM) return Math.cos(x);
  const { n, y0, y1 } = remPio2(x);
  switch (n & 3) {
    case 0:
      return kernelCos(y0, y1);
    case 1:
      return -kernelSin(y0, y1, true);
    case 2:
      return -kernelCos(y0, y1);
    default:
      return kernelSin(y0, y1, true);
  }
}
