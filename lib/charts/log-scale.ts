/**
 * Values for a log-scale chart where zeros and non-finite values must stay visible:
 * positive finite values plot as themselves; 0 (underflow) and negative values plot on an
 * "underflow" band a decade below the smallest positive value; NaN/±Infinity (null in JSON)
 * plot on a "non-finite" band a decade above the largest. Pure, shared by server and client.
 */

export type PointKind = "ok" | "underflow" | "nonfinite";
export type Raw = number | null | undefined;

export type LogBands = {
  /** y used for underflow points */
  floor: number;
  /** y used for non-finite points */
  ceil: number;
  /** axis domain, a little beyond the bands */
  domain: [number, number];
  /** tick values: powers of ten inside the domain, at most about eight */
  ticks: number[];
};

/** The decades a band may sit at: the non-finite band two decades above stays below Number.MAX_VALUE. */
const MAX_DECADE = 305;
const MIN_DECADE = -305;

/** Bands for every value of every series together (so overlaid series share one axis). */
export function logBands(values: readonly Raw[]): LogBands {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (typeof v === "number" && Number.isFinite(v) && v > 0) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (min === Infinity) {
    min = 1;
    max = 1;
  }
  // Decades are capped within float64 (a value near 1.8e308 would otherwise round its band up to
  // Infinity, and an infinite axis has infinitely many ticks); the bands sit two decades inside.
  const decade = (e: number) => 10 ** Math.max(MIN_DECADE, Math.min(MAX_DECADE, e));
  const lo = decade(Math.floor(Math.log10(min)));
  const hi = decade(Math.ceil(Math.log10(max)));
  const floor = lo / 10;
  const ceil = hi === lo ? hi * 100 : hi * 10;
  const domain: [number, number] = [floor / 2, ceil * 2];
  return { floor, ceil, domain, ticks: logTicks(domain) };
}

export function kindOf(v: Raw): PointKind {
  if (typeof v !== "number" || !Number.isFinite(v)) return "nonfinite";
  return v > 0 ? "ok" : "underflow";
}

export function plotValue(v: Raw, bands: LogBands): { y: number; kind: PointKind } {
  const kind = kindOf(v);
  if (kind === "ok") return { y: v as number, kind };
  return { y: kind === "underflow" ? bands.floor : bands.ceil, kind };
}

/** "3.2e-9", "non-finite", "0" — how a gradient norm or ratio is written for people. */
export function sci(v: Raw, digits = 2): string {
  if (typeof v !== "number" || !Number.isFinite(v)) return "non-finite";
  if (v === 0) return "0";
  return v.toExponential(digits);
}

/** Powers of ten within [lo, hi], thinned to at most about eight. */
export function logTicks([lo, hi]: [number, number]): number[] {
  const a = Math.ceil(Math.log10(lo));
  const b = Math.floor(Math.log10(hi));
  if (!Number.isFinite(a) || !Number.isFinite(b)) return [];
  const step = Math.max(1, Math.ceil((b - a + 1) / 8));
  const out: number[] = [];
  for (let e = a; e <= b; e += step) out.push(10 ** e);
  return out;
}

/** Vertical room one tick label needs (12 px text and a gap), so labels never touch. */
export const TICK_GAP_PX = 22;

/**
 * The y ticks of a chart `plotHeight` pixels tall: powers of ten spaced at least `gap` pixels apart
 * (every k-th decade, 10⁰ kept when in view), plus the bands' own ticks where points sit on them
 * (the floor is labelled "0", the ceiling "Inf/NaN"), with the decades too close to a band dropped.
 */
export function axisTicks(
  bands: LogBands,
  plotHeight: number,
  used: { underflow: boolean; nonFinite: boolean },
  gap = TICK_GAP_PX,
): number[] {
  const [d0, d1] = bands.domain.map(Math.log10) as [number, number];
  const pxPerDecade = plotHeight / (d1 - d0);
  const px = (v: number) => (Math.log10(v) - d0) * pxPerDecade;
  const step = Math.max(1, Math.ceil(gap / pxPerDecade));
  const first = Math.round(Math.log10(bands.floor)) + 1;
  const last = Math.round(Math.log10(bands.ceil)) - 1;
  const special = [...(used.underflow ? [bands.floor] : []), ...(used.nonFinite ? [bands.ceil] : [])];
  const decades: number[] = [];
  // anchored on 0 so the same decades appear on every chart (…, 10⁻⁶, 10⁻³, 10⁰, 10³, …)
  for (let e = Math.ceil(first / step) * step; e <= last; e += step) {
    const v = 10 ** e;
    if (special.every((s) => Math.abs(px(s) - px(v)) >= gap)) decades.push(v);
  }
  if (decades.length === 0 && first <= last) decades.push(10 ** first);
  return [...decades, ...special].sort((a, b) => a - b);
}
