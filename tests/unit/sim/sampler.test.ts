/**
 * The normal sampler (Box–Muller over sfc32, drawn by the wasm SIMD kernel: lib/sim/rng.ts,
 * kernels/elementwise.ts) against N(0, 1). Every statistic is compared with its sampling
 * distribution at a fixed seed; the tolerances are 5 standard errors for moments and counts, and
 * the p = 0.001 critical values for KS and χ², so a correct sampler passes with overwhelming
 * probability and a wrong transform (a lane, a quadrant, a constant) fails.
 */
import { describe, expect, it } from "vitest";
import { normalCdf } from "../../../lib/sim/erf";
import { elementwiseKernel } from "../../../lib/sim/kernels/elementwise";
import { Rng } from "../../../lib/sim/rng";

const N = 2_000_000;
const draws = new Rng(12345, 7).fillNormal(new Float64Array(N));

/** The upper-tail critical value of χ²(df) at p = 0.001 (Wilson–Hilferty, accurate to < 0.5 % for df ≥ 30). */
const chi2Critical = (df: number) => df * (1 - 2 / (9 * df) + 3.0902 * Math.sqrt(2 / (9 * df))) ** 3;

describe("normal draws (2·10⁶ at a fixed seed) against N(0, 1)", () => {
  it("are drawn by the wasm SIMD kernel here", () => expect(elementwiseKernel()).not.toBeNull());

  it("moments: mean, variance, skewness and excess kurtosis within 5 standard errors", () => {
    let s1 = 0;
    for (const x of draws) s1 += x;
    const mean = s1 / N;
    let m2 = 0;
    let m3 = 0;
    let m4 = 0;
    for (const x of draws) {
      const d = x - mean;
      m2 += d * d;
      m3 += d * d * d;
      m4 += d * d * d * d;
    }
    m2 /= N;
    m3 /= N;
    m4 /= N;
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(N)); // SE 1/√n
    expect(Math.abs(m2 - 1)).toBeLessThan(5 * Math.sqrt(2 / N)); // SE √(2/n)
    expect(Math.abs(m3 / m2 ** 1.5)).toBeLessThan(5 * Math.sqrt(6 / N)); // SE √(6/n)
    expect(Math.abs(m4 / m2 ** 2 - 3)).toBeLessThan(5 * Math.sqrt(24 / N)); // SE √(24/n)
  });

  it("Kolmogorov–Smirnov: √n·D below 1.95 (the p = 0.001 critical value)", () => {
    const sorted = Float64Array.from(draws).sort();
    let d = 0;
    for (let i = 0; i < N; i++) {
      const F = normalCdf(sorted[i]!);
      d = Math.max(d, (i + 1) / N - F, F - i / N);
    }
    expect(Math.sqrt(N) * d).toBeLessThan(1.95);
  });

  it("χ² on 322 bins of width 0.025 over [−4, 4] plus both tails: below the p = 0.001 critical value", () => {
    // narrow bins: a lane or quadrant error that distorts the shape locally shows up in its own bins
    const width = 0.025;
    const inner = 320;
    const counts = new Float64Array(inner + 2);
    for (const x of draws) {
      const k = x < -4 ? 0 : x >= 4 ? inner + 1 : Math.min(inner, 1 + Math.floor((x + 4) / width));
      counts[k] = counts[k]! + 1;
    }
    let chi2 = 0;
    for (let k = 0; k < inner + 2; k++) {
      const lo = k === 0 ? -Infinity : -4 + (k - 1) * width;
      const hi = k === inner + 1 ? Infinity : -4 + k * width;
      const expected = N * (normalCdf(hi) - normalCdf(lo));
      expect(expected).toBeGreaterThan(5);
      chi2 += (counts[k]! - expected) ** 2 / expected;
    }
    expect(chi2).toBeLessThan(chi2Critical(inner + 1));
  });

  it("the tails: |x| > 3, > 4 and > 4.5 as often as N(0, 1) says (within 5σ), on both sides", () => {
    for (const t of [3, 4, 4.5]) {
      const p = 2 * (1 - normalCdf(t));
      const count = draws.filter((x) => Math.abs(x) > t).length;
      expect(Math.abs(count - N * p), `|x| > ${t}`).toBeLessThan(5 * Math.sqrt(N * p * (1 - p)));
      const below = draws.filter((x) => x < -t).length;
      expect(Math.abs(below - count / 2), `x < −${t}`).toBeLessThan(5 * Math.sqrt(count / 4) + 1);
    }
    // Box–Muller's largest possible draw: √(−2·ln 2⁻⁵³) ≈ 8.57
    expect(draws.reduce((m, x) => Math.max(m, Math.abs(x)), 0)).toBeLessThan(Math.sqrt(-2 * Math.log(2 ** -53)));
  });

  it("successive draws are uncorrelated (lag 1 and 2 within 5/√n) and signs are balanced", () => {
    for (const lag of [1, 2]) {
      let s = 0;
      for (let i = lag; i < N; i++) s += draws[i]! * draws[i - lag]!;
      expect(Math.abs(s / (N - lag))).toBeLessThan(5 / Math.sqrt(N));
    }
    const positive = draws.filter((x) => x > 0).length;
    expect(Math.abs(positive - N / 2)).toBeLessThan(5 * Math.sqrt(N / 4));
  });

  it("fillNormal(out, std) is std times the stream of normal(), bit for bit", () => {
    const a = new Rng(3, 1);
    const one = Array.from({ length: 1000 }, () => 0.7 * a.normal());
    expect(Array.from(new Rng(3, 1).fillNormal(new Float64Array(1000), 0.7))).toEqual(one);
  });
});
