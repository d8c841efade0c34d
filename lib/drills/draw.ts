/** Drawing a problem's parameters from the engine's seeded PRNG, and writing numbers for people. */
import type { Rng } from "@/lib/sim";

/** Each drill family's stream of the seed: a problem never shares draws with the engine's own streams. */
export const DRILL_STREAM = 0x64726c; // "drl"

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng.uniform() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

/** A whole number from lo to hi, both included. */
export function intIn(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng.uniform() * (hi - lo + 1));
}

/** The engine's own seed for a run: a fresh draw, so two problems never share weights. */
export const engineSeed = (rng: Rng): number => rng.nextU32();

/** A number with a real minus sign and `digits` decimals: "−11.40", "0.25". */
export function dec(x: number, digits = 2): string {
  const s = Math.abs(x).toFixed(digits);
  return x < 0 && Number(s) !== 0 ? `−${s}` : s;
}

/** Signed, for exponents and differences: "+1.30", "−0.60". */
export function signed(x: number, digits = 2): string {
  const s = dec(x, digits);
  return s.startsWith("−") ? s : `+${s}`;
}

/** Scientific notation for people: "6.0 × 10⁻⁸", "1.3 × 10²". */
export function sciText(x: number, digits = 1): string {
  if (x === 0) return "0";
  if (!Number.isFinite(x)) return "∞";
  const e = Math.floor(Math.log10(Math.abs(x)));
  const m = x / 10 ** e;
  const sup = String(e)
    .replace("-", "⁻")
    .replace(/\d/g, (d) => "⁰¹²³⁴⁵⁶⁷⁸⁹"[Number(d)] ?? d);
  return `${dec(m, digits)} × 10${sup}`;
}
