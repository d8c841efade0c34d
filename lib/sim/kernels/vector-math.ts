/**
 * fdlibm's log, tanh (with its expm1) and, on [0, 2π), sin and cos for two doubles at a time, emitted as
 * WebAssembly SIMD (f64x2) text for wasm-assembler.ts. Each function follows its scalar port in
 * ../fdlibm.ts operation for operation — the same IEEE additions, multiplications, divisions and
 * square roots in the same order, with the same constants — and replaces every branch by
 * computing both sides and selecting per lane (v128.bitselect), so each lane gets exactly the
 * bits the scalar port gives (tests/unit/kernels/elementwise.test.ts checks it on millions of
 * inputs). Branch conditions on fdlibm's high word `ix` become comparisons of |x| with the double
 * whose high word is the threshold (ix < H ⟺ |x| < hw(H) for non-NaN x).
 *
 * Expressions are strings of instructions that leave one v128 on the stack; `Code.let` stores one
 * in a fresh local and returns its `local.get`, so shared subexpressions are computed once.
 */

import { LG1, LG2, LG3, LG4, LG5, LG6, LG7, LN2_HI, LN2_LO, TWO54 } from "../fdlibm";
import type { ValType } from "./wasm-assembler";

export type Expr = string;

/** A function body under construction: statements and the locals they use. */
export class Code {
  readonly locals: [string, ValType][] = [];
  readonly lines: string[] = [];
  private count = 0;

  /** A fresh local of the given type (its name). */
  local(type: ValType = "v128"): string {
    const name = `$v${this.count++}`;
    this.locals.push([name, type]);
    return name;
  }

  /** Evaluates e once into a fresh v128 local; returns the expression that reads it. */
  let(e: Expr): Expr {
    const name = this.local();
    this.lines.push(`${e} local.set ${name}`);
    return `local.get ${name}`;
  }

  emit(line: string): void {
    this.lines.push(line);
  }

  /**
   * The statements with every v128 constant read from a local instead, and the prologue that sets
   * those locals: put the prologue before the loop and the body in it (fewer bytes, no constant
   * materialised per iteration).
   */
  hoistConstants(): { prologue: string; body: string } {
    const seen = new Map<string, string>();
    const body = this.lines.join("\n").replace(/v128\.const (f64x2|i64x2) (\S+) (\S+)/g, (constant) => {
      let name = seen.get(constant);
      if (!name) {
        name = this.local();
        seen.set(constant, name);
      }
      return `local.get ${name}`;
    });
    const prologue = [...seen].map(([constant, name]) => `${constant} local.set ${name}`).join("\n");
    return { prologue, body };
  }
}

// ---- f64x2 and i64x2 operators ------------------------------------------------------------------

const op =
  (name: string) =>
  (a: Expr, b: Expr): Expr =>
    `${a} ${b} ${name}`;
const add = op("f64x2.add");
const sub = op("f64x2.sub");
const mul = op("f64x2.mul");
const div = op("f64x2.div");
const eq = op("f64x2.eq");
const ne = op("f64x2.ne");
const lt = op("f64x2.lt");
const le = op("f64x2.le");
const gt = op("f64x2.gt");
const ge = op("f64x2.ge");
const and = op("v128.and");
const or = op("v128.or");
const xor = op("v128.xor");
const iadd = op("i64x2.add");
const isub = op("i64x2.sub");
const ilt = op("i64x2.lt_s");
const igt = op("i64x2.gt_s");
const ige = op("i64x2.ge_s");
const ile = op("i64x2.le_s");
const abs = (a: Expr): Expr => `${a} f64x2.abs`;
const neg = (a: Expr): Expr => `${a} f64x2.neg`;
const trunc = (a: Expr): Expr => `${a} f64x2.trunc`;
export const sqrt = (a: Expr): Expr => `${a} f64x2.sqrt`;
const shl = (a: Expr, bits: number): Expr => `${a} i32.const ${bits} i64x2.shl`;
const shrS = (a: Expr, bits: number): Expr => `${a} i32.const ${bits} i64x2.shr_s`;
const shrU = (a: Expr, bits: number): Expr => `${a} i32.const ${bits} i64x2.shr_u`;
/** Per lane: mask ? a : b (mask lanes all ones or all zeros). */
const sel = (mask: Expr, a: Expr, b: Expr): Expr => `${a} ${b} ${mask} v128.bitselect`;
/** A double constant in both lanes. */
export const F = (x: number): Expr => `v128.const f64x2 ${x} ${x}`;
/** A 64-bit integer constant in both lanes. */
const I = (x: number | bigint): Expr => `v128.const i64x2 ${x} ${x}`;

export { mul as vmul };

const HIGH = new DataView(new ArrayBuffer(8));
/** The double whose high word is h and low word 0 (fdlibm's INSERT_WORDS(x, h, 0)). */
const hw = (h: number): number => {
  HIGH.setUint32(0, h >>> 0);
  HIGH.setUint32(4, 0);
  return HIGH.getFloat64(0);
};
/** ix < h, ix ≥ h, ix ≤ h, ix > h, ix = h for ix the high word of |x| (a = |x|, not NaN). */
const ixLt = (a: Expr, h: number) => lt(a, F(hw(h)));
const ixGe = (a: Expr, h: number) => ge(a, F(hw(h)));
const ixLe = (a: Expr, h: number) => lt(a, F(hw(h + 1)));
const ixGt = (a: Expr, h: number) => ge(a, F(hw(h + 1)));
const ixEq = (a: Expr, h: number) => and(ixGe(a, h), ixLt(a, h + 1));

/** 2^k for integer-valued k with −1022 ≤ k ≤ 1023: the exponent field k + 1023, placed by a shift (2^52 + m has m in its low bits). */
const pow2 = (k: Expr): Expr => shl(add(k, F(4503599627371519)), 52);
/** A small integer in i64 lanes as a double: the bits of 1.5·2^52 + m, minus 1.5·2^52. */
const toDouble = (m: Expr): Expr => sub(iadd(m, I(0x4338000000000000n)), F(6755399441055744));
const SIGN = I(0x8000000000000000n);

/** Evaluates a polynomial in Horner form c0 + x·(c1 + x·(…)) exactly as written out in fdlibm. */
const horner = (x: Expr, cs: number[]): Expr =>
  cs.reduceRight((acc: Expr | null, c) => (acc === null ? F(c) : add(F(c), mul(x, acc))), null) as Expr;

// ---- constants: fdlibm's own (../fdlibm.ts), so the kernel and the scalar path round alike
const INVLN2 = 1.4426950408889634;
const Q = [
  -0.03333333333333313, 0.0015873015872548146, -0.0000793650757867488, 0.000004008217827329362, -2.0109921818362437e-7,
];
const S1 = -0.16666666666666632;
const S2_6 = [
  0.00833333333332249, -0.0001984126982985795, 0.0000027557313707070068, -2.5050760253406863e-8, 1.58969099521155e-10,
];
const C1_6 = [
  0.0416666666666666, -0.001388888888887411, 0.00002480158728947673, -2.7557314351390663e-7, 2.087572321298175e-9,
  -1.1359647557788195e-11,
];
const INVPIO2 = 0.6366197723675814;
const PIO2_1 = 1.5707963267341256;
const PIO2_1T = 6.077100506506192e-11;
const PIO2_2 = 6.077100506303966e-11;
const PIO2_2T = 2.0222662487959506e-21;
const PIO2_3 = 2.0222662487111665e-21;
const PIO2_3T = 8.4784276603689e-32;

// ---- log ---------------------------------------------------------------------------------------

/** fdlibm log (fdlibm.ts `log`), every double. */
export function vLog(c: Code, x0: Expr): Expr {
  const x = c.let(x0);
  const subnormal = c.let(lt(x, F(2.2250738585072014e-308))); // hx < 0x00100000 (zero and negatives too: replaced below)
  const xs = c.let(sel(subnormal, mul(x, F(TWO54)), x));
  const hx = c.let(shrS(xs, 32)); // the high word, per i64 lane
  const hxm = c.let(and(hx, I(0xfffff)));
  const iBit = c.let(and(iadd(hxm, I(0x95f64)), I(0x100000)));
  const xn = c.let(or(shl(or(hxm, xor(iBit, I(0x3ff00000))), 32), and(xs, I(0xffffffff)))); // SET_HIGH_WORD
  const k = iadd(isub(shrS(hx, 20), I(1023)), shrS(iBit, 20));
  const dk = c.let(add(toDouble(k), sel(subnormal, F(-54), F(0)))); // (double) k, exact
  const f = c.let(sub(xn, F(1)));
  const kZero = c.let(eq(dk, F(0)));
  const dkHi = c.let(mul(dk, F(LN2_HI)));
  const dkLo = c.let(mul(dk, F(LN2_LO)));
  // |f| < 2^-20
  const Rs = c.let(mul(mul(f, f), sub(F(0.5), mul(F(0.3333333333333333), f))));
  const small = sel(kZero, sub(f, Rs), sub(dkHi, sub(sub(Rs, dkLo), f)));
  // otherwise
  const s = c.let(div(f, add(F(2), f)));
  const z = c.let(mul(s, s));
  const w = c.let(mul(z, z));
  const t1 = mul(w, horner(w, [LG2, LG4, LG6]));
  const t2 = mul(z, horner(w, [LG1, LG3, LG5, LG7]));
  const R = c.let(add(t2, t1));
  const hfsq = c.let(mul(mul(F(0.5), f), f));
  const sR = c.let(mul(s, add(hfsq, R)));
  const inBand = and(ige(hxm, I(0x6147a)), ile(hxm, I(0x6b851))); // ((hx − 0x6147a) | (0x6b851 − hx)) > 0
  const a = sel(kZero, sub(f, sub(hfsq, sR)), sub(dkHi, sub(sub(hfsq, add(sR, dkLo)), f)));
  const sfR = c.let(mul(s, sub(f, R)));
  const b = sel(kZero, sub(f, sfR), sub(dkHi, sub(sub(sfR, dkLo), f)));
  const smallF = ilt(and(iadd(hxm, I(2)), I(0xfffff)), I(3));
  let r = c.let(sel(smallF, small, sel(inBand, a, b)));
  r = c.let(sel(eq(x, F(0)), F(-Infinity), r));
  r = c.let(sel(lt(x, F(0)), F(Number.NaN), r));
  return sel(or(ge(x, F(Infinity)), ne(x, x)), add(x, x), r);
}

// ---- expm1 and tanh ----------------------------------------------------------------------------

/**
 * fdlibm expm1 (fdlibm.ts `expm1`) for tanh's arguments only: s ∈ [−2, −2^-27] ∪ [2, 44] (and
 * NaN), where k ∈ {0, −1} or k ≤ −2 or 3 ≤ k ≤ 63 — so the k = 1 form and the special cases
 * (tiny, overflow, −1 for large negative s, k = 1024) never apply and are left out.
 */
function vExpm1ForTanh(c: Code, x0: Expr): Expr {
  const x = c.let(x0);
  const ax = c.let(abs(x));
  const negative = c.let(lt(x, F(0)));
  const reduce = c.let(ixGt(ax, 0x3fd62e42));
  const kFar = trunc(add(mul(F(INVLN2), x), sel(negative, F(-0.5), F(0.5))));
  const k = c.let(sel(reduce, sel(ixLt(ax, 0x3ff0a2b2), F(-1), kFar), F(0))); // |s| < 1.5·ln2 only for s < 0
  const hi = c.let(sub(x, mul(k, F(LN2_HI))));
  const lo = c.let(mul(k, F(LN2_LO)));
  const xr = c.let(sel(reduce, sub(hi, lo), x));
  const cr = c.let(sel(reduce, sub(sub(hi, xr), lo), F(0)));
  const hfx = c.let(mul(F(0.5), xr));
  const hxs = c.let(mul(xr, hfx));
  const r1 = c.let(add(F(1), mul(hxs, horner(hxs, Q))));
  const t = c.let(sub(F(3), mul(r1, hfx)));
  const e = c.let(mul(hxs, div(sub(r1, t), sub(F(6), mul(xr, t)))));
  const k0 = sub(xr, sub(mul(xr, e), hxs));
  const twopk = c.let(pow2(k));
  const twomk = c.let(pow2(neg(k)));
  const e2 = c.let(sub(sub(mul(xr, sub(e, cr)), cr), hxs));
  const kMinus1 = sub(mul(F(0.5), sub(xr, e2)), F(0.5));
  const far = sub(mul(sub(F(1), sub(e2, xr)), twopk), F(1));
  const below20 = mul(sub(sub(F(1), twomk), sub(e2, xr)), twopk);
  const above20 = mul(add(sub(xr, add(e2, twomk)), F(1)), twopk);
  let r = c.let(sel(lt(k, F(20)), below20, above20));
  r = c.let(sel(or(le(k, F(-2)), gt(k, F(56))), far, r));
  r = c.let(sel(eq(k, F(-1)), kMinus1, r));
  return sel(eq(k, F(0)), k0, r);
}

/** fdlibm tanh (fdlibm.ts `tanh`), every double. */
export function vTanh(c: Code, x0: Expr): Expr {
  const x = c.let(x0);
  const ax = c.let(abs(x));
  const atLeast1 = c.let(ixGe(ax, 0x3ff00000));
  const twoAx = c.let(mul(F(2), ax));
  const t = c.let(vExpm1ForTanh(c, sel(atLeast1, twoAx, neg(twoAx))));
  // |x| ≥ 1: 1 − 2/(t + 2); |x| < 1: −t/(t + 2) — one division for both
  const q = c.let(div(sel(atLeast1, F(2), neg(t)), add(t, F(2))));
  const z = sel(atLeast1, sub(F(1), q), q);
  const z22 = c.let(sel(ixGe(ax, 0x40360000), F(1), z)); // |x| ≥ 22 (and ±Infinity): 1
  return sel(ixLt(ax, 0x3e300000), x, xor(z22, and(x, SIGN))); // |x| < 2^-28: x; else z with x's sign
}

// ---- sin and cos on [0, 2π) ----------------------------------------------------------------------

/** fdlibm __kernel_sin (fdlibm.ts `kernelSin`): without the tail y in the `noTail` lanes, with it elsewhere. */
function vKernelSin(c: Code, x: Expr, y: Expr, noTail: Expr): Expr {
  const z = c.let(mul(x, x));
  const v = c.let(mul(z, x));
  const r = c.let(horner(z, S2_6)); // S2 + z·(S3 + z·(S4 + z·(S5 + z·S6)))
  const withTail = sub(x, sub(sub(mul(z, sub(mul(F(0.5), y), mul(v, r))), y), mul(v, F(S1))));
  const withoutTail = add(x, mul(v, add(F(S1), mul(z, r))));
  return sel(ixLt(abs(x), 0x3e400000), x, sel(noTail, withoutTail, withTail));
}

/** fdlibm __kernel_cos (fdlibm.ts `kernelCos`). */
function vKernelCos(c: Code, x: Expr, y: Expr): Expr {
  const ax = c.let(abs(x));
  const z = c.let(mul(x, x));
  const r = c.let(mul(z, horner(z, C1_6))); // z·(C1 + z·(C2 + … + z·C6))
  const zrxy = c.let(sub(mul(z, r), mul(x, y)));
  const hz = c.let(mul(F(0.5), z));
  const qx = c.let(
    sel(ixGt(ax, 0x3fe90000), F(0.28125), isub(and(ax, I(0xffffffff00000000n)), I(0x0020000000000000n))),
  );
  const near = sub(F(1), sub(hz, zrxy)); // |x| < 0.3
  const far = sub(sub(F(1), qx), sub(sub(hz, qx), zrxy));
  return sel(ixLt(ax, 0x3e400000), F(1), sel(ixLt(ax, 0x3fd33333), near, far));
}

/** The biased exponent of each lane, as an i64 (fdlibm's (high word >> 20) & 0x7ff). */
const exponent = (v: Expr): Expr => and(shrU(v, 52), I(0x7ff));

/**
 * fdlibm sin and cos (fdlibm.ts `sin`, `cos`) for 0 ≤ x < 2π, the Box–Muller angle: the quadrant
 * n ∈ {0, …, 4} from the direct (|x| ≤ π/4), the n = 1 and the medium-size reductions, with the
 * second and third rounds of π/2 where x is close to n·π/2. Outside [0, 2π) the result is not
 * defined (the kernel's caller never passes such x).
 */
export function vSinCos(c: Code, x0: Expr): { sin: Expr; cos: Expr } {
  const x = c.let(x0);
  const direct = c.let(ixLe(x, 0x3fe921fb));
  const nearOne = c.let(ixLt(x, 0x4002d97c));
  // n = 1: x − π/2 in 33 + 53 bits, or 33 + 33 + 53 bits when x's high word is π/2's
  const z = c.let(sub(x, F(PIO2_1)));
  const y0a = c.let(sub(z, F(PIO2_1T)));
  const y1a = sub(sub(z, y0a), F(PIO2_1T));
  const zb = c.let(sub(z, F(PIO2_2)));
  const y0b = c.let(sub(zb, F(PIO2_2T)));
  const y1b = sub(sub(zb, y0b), F(PIO2_2T));
  const halfPi = c.let(ixEq(x, 0x3ff921fb));
  const y0n1 = c.let(sel(halfPi, y0b, y0a));
  const y1n1 = c.let(sel(halfPi, y1b, y1a));
  // medium: n = trunc(x·2/π + ½) ∈ {2, 3, 4}
  const n = c.let(trunc(add(mul(x, F(INVPIO2)), F(0.5))));
  const r1 = c.let(sub(x, mul(n, F(PIO2_1))));
  const w1 = c.let(mul(n, F(PIO2_1T)));
  const y01 = c.let(sub(r1, w1));
  // x within the high word of n·π/2 needs more bits of π/2 (second and third rounds): rare, so
  // computed only when a lane is that close (|x − nπ/2| < 2^-19·x contains every such lane)
  const rM = c.local();
  const wM = c.local();
  const y0M = c.local();
  c.emit(`${r1} local.set ${rM} ${w1} local.set ${wM} ${y01} local.set ${y0M}`);
  c.emit(`${lt(abs(y01), mul(x, F(2 ** -19)))} v128.any_true if`);
  const w2 = c.let(mul(n, F(PIO2_2)));
  const r2 = c.let(sub(r1, w2));
  const w2t = c.let(sub(mul(n, F(PIO2_2T)), sub(sub(r1, r2), w2)));
  const y02 = c.let(sub(r2, w2t));
  const w3 = c.let(mul(n, F(PIO2_3)));
  const r3 = c.let(sub(r2, w3));
  const w3t = c.let(sub(mul(n, F(PIO2_3T)), sub(sub(r2, r3), w3)));
  const y03 = c.let(sub(r3, w3t));
  const closeToNPio2 = or(
    or(and(eq(n, F(2)), ixEq(x, 0x400921fb)), and(eq(n, F(3)), ixEq(x, 0x4012d97c))),
    and(eq(n, F(4)), ixEq(x, 0x401921fb)),
  );
  const round2 = c.let(and(closeToNPio2, igt(isub(exponent(x), exponent(y01)), I(16))));
  const round3 = c.let(and(round2, igt(isub(exponent(x), exponent(y02)), I(49))));
  c.emit(`${sel(round3, r3, sel(round2, r2, r1))} local.set ${rM}`);
  c.emit(`${sel(round3, w3t, sel(round2, w2t, w1))} local.set ${wM}`);
  c.emit(`${sel(round3, y03, sel(round2, y02, y01))} local.set ${y0M}`);
  c.emit("end");
  const y1M = sub(sub(`local.get ${rM}`, `local.get ${y0M}`), `local.get ${wM}`);
  // the reduced argument and quadrant of every lane
  const y0 = c.let(sel(direct, x, sel(nearOne, y0n1, `local.get ${y0M}`)));
  const y1 = c.let(sel(direct, F(0), sel(nearOne, y1n1, y1M)));
  const q = c.let(sel(direct, F(0), sel(nearOne, F(1), n)));
  const ks = c.let(vKernelSin(c, y0, y1, direct)); // y0 = x, y1 = 0 in the direct lanes
  const kc = c.let(vKernelCos(c, y0, y1));
  const q1 = c.let(eq(q, F(1)));
  const q2 = c.let(eq(q, F(2)));
  const q3 = c.let(eq(q, F(3)));
  const sin = sel(q1, kc, sel(q2, neg(ks), sel(q3, neg(kc), ks)));
  const cos = sel(q1, neg(ks), sel(q2, neg(kc), sel(q3, ks, kc)));
  return { sin, cos };
}
