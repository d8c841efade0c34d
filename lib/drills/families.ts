/**
 * The drill families and the seed range: what a drill's URL (/drills/<family>/<seed>) may name.
 * One list; the zod enum, the types and the pages derive from it.
 */
import { z } from "zod";

export const DRILL_FAMILIES = [
  "estimate-ratio",
  "verdict-mlp",
  "verdict-rnn",
  "verdict-lstm",
  "lr-divergence",
  "fp16-underflow",
  "smallest-gradient",
  "healthy-fix",
  "transformer-ln",
] as const;
export type DrillFamilyId = (typeof DRILL_FAMILIES)[number];

/** "mixed" picks the family for the learner; it is no family of its own. */
export const MIXED = "mixed";

/** Seeds are stored in a 32-bit signed integer column (both databases), so they stop at 2³¹ − 1. */
export const DRILL_SEED_MAX = 2_147_483_647;

export const DrillFamilySchema = z.enum(DRILL_FAMILIES);
export const DrillSeedSchema = z.number().int().min(0).max(DRILL_SEED_MAX);

export function isDrillFamily(value: unknown): value is DrillFamilyId {
  return DrillFamilySchema.safeParse(value).success;
}

/** A seed as a URL segment carries it: digits only (no sign, no exponent, no spaces), within the range; else null. */
export function parseSeedSegment(segment: string): number | null {
  if (!/^\d{1,10}$/.test(segment)) return null;
  const seed = Number(segment);
  return seed <= DRILL_SEED_MAX ? seed : null;
}
