/**
 * The fused statistics against the straightforward ones: layerStatistics (two passes) against
 * meanStd + histogram + a count of non-finite values, bit for bit; the one-pass norm against the
 * scaled two-pass one (equal to rounding, equal exactly where it falls back); the norms the
 * backward pass records against norm2 of the gradients.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createMlp } from "../../../lib/sim/build";
import { norm2, scaledNorm2, sumOfSquares } from "../../../lib/sim/linalg";
import { SimConfigSchema } from "../../../lib/sim/schema";
import { allFinite, histogram, layerStatistics, meanStd } from "../../../lib/sim/stats";

const doubles = fc.double({ noDefaultInfinity: false, noNaN: false });
const buffers = fc.oneof(
  fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 300 }),
  fc.array(doubles, { minLength: 1, maxLength: 50 }),
  fc.array(fc.constantFrom(0, -0, 1, Number.NaN, Infinity, -Infinity, 1e-310), { minLength: 1, maxLength: 20 }),
);

describe("layerStatistics: meanStd, histogram and allFinite fused into two passes", () => {
  it("gives the same bits as the three separate functions (property)", () => {
    fc.assert(
      fc.property(buffers, (xs) => {
        const buf = Float64Array.from(xs);
        const fused = layerStatistics(buf);
        const { mean, std } = meanStd(buf);
        const h = histogram(buf);
        expect(Object.is(fused.mean, mean) || (Number.isNaN(fused.mean) && Number.isNaN(mean))).toBe(true);
        expect(Object.is(fused.std, std) || (Number.isNaN(fused.std) && Number.isNaN(std))).toBe(true);
        expect(fused.histogram).toEqual(h);
        expect(fused.nonFinite === 0).toBe(allFinite(buf));
        expect(fused.nonFinite).toBe(h.nonFinite);
      }),
      { numRuns: 500 },
    );
  });

  it("reads only the first n values", () => {
    const buf = Float64Array.from([1, 2, 3, Number.NaN]);
    expect(layerStatistics(buf, 3)).toEqual({ ...meanStd(buf, 3), histogram: histogram(buf, 3), nonFinite: 0 });
  });
});

describe("norm2: one pass where Σv² is safe, the scaled form elsewhere", () => {
  it("agrees with the scaled two-pass norm to 1e-14 relative on ordinary data (property; both sum in float64, they differ by rounding only)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 2000 }),
        (xs) => {
          const buf = Float64Array.from(xs);
          const a = norm2(buf);
          const b = scaledNorm2(buf);
          expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-14 * b);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("falls back to the scaled form (the same bits) where Σv² would overflow or underflow", () => {
    for (const scale of [1e-200, 1e-160, 1e155, 1e300]) {
      const buf = Float64Array.from({ length: 1001 }, (_, i) => scale * Math.sin(i + 1));
      expect(sumOfSquares(buf) < 2 ** -970 || sumOfSquares(buf) === Infinity).toBe(true);
      expect(norm2(buf)).toBe(scaledNorm2(buf));
      expect(Number.isFinite(norm2(buf)) && norm2(buf) > 0).toBe(true);
    }
  });

  it("NaN for any NaN, Infinity for any ±Infinity, 0 for zeros; honours n and start", () => {
    expect(norm2(Float64Array.from([1, Number.NaN, Infinity]))).toBeNaN();
    expect(norm2(Float64Array.from([1, -Infinity, 2]))).toBe(Infinity);
    expect(norm2(new Float64Array(5))).toBe(0);
    expect(norm2(Float64Array.from([3, 4, 100, 12]), 2)).toBe(5);
    expect(norm2(Float64Array.from([100, 3, 4, 12]), 2, 1)).toBe(5);
  });
});

describe("the norms backward records", () => {
  it("gradNorms are norm2 of the gradients after every pass (MLP with batch norm and residual, fp32)", () => {
    const c = SimConfigSchema.parse({
      model: "mlp",
      depth: 6,
      width: 9,
      batch: 5,
      norm: "batch",
      residual: true,
      precision: "fp32",
    });
    if (c.model !== "mlp") throw new Error("mlp expected");
    const m = createMlp(c);
    for (let step = 0; step < 2; step++) {
      m.lossAndGrad();
      for (const [k, g] of m.grads.entries()) expect(m.gradNorms[k]).toBe(norm2(g));
    }
  });
});
