/**
 * Every generated problem is well-posed: for a sample of seeds per family (fast-check), the seed
 * gives a problem, the same problem every time, the engine's own numbers give its answer
 * (recomputed here from the raw results, independently of the family's judge), the answer sits
 * at least the family's margin from every boundary, and the problem's runs fit the scenario budget.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CATALOG } from "@/lib/drills/catalog";
import { DRILL_FAMILIES, DRILL_SEED_MAX, type DrillFamilyId } from "@/lib/drills/families";
import type { Problem } from "@/lib/drills/generate";
import { estimateFlops, SCENARIO_FLOP_BUDGET, type SimResult } from "@/lib/sim";
import { canonical, runEngine } from "./support";

/**
 * Seeds per family: thousands, as issue 16 asks (each costs a few engine runs, 5–50 ms here, so
 * a family takes 20–80 s); DRILL_SEEDS sets another count (fewer for a quick loop, more for a soak).
 */
const SEEDS_PER_FAMILY = Number(process.env.DRILL_SEEDS ?? 2000);
const seedArb = fc.integer({ min: 0, max: DRILL_SEED_MAX });

const log10Ratio = (r: SimResult) => r.summary.log10GradRatio;
const firstGrad = (r: SimResult) => (r.model === "mlp" ? (r.layers[0]?.activationGradNorm ?? Number.NaN) : Number.NaN);

/**
 * The oracle: from the raw results alone, the right answer and its distance (decades) from the
 * nearest boundary. Written from the issue's definitions, not from the families' code.
 */
function oracle(family: DrillFamilyId, p: Problem): { answer: string | number; clearance: number } {
  const [r, twin] = p.results;
  if (!r) throw new Error("no result");
  switch (family) {
    case "estimate-ratio":
      return { answer: log10Ratio(r), clearance: Infinity };
    case "verdict-mlp":
    case "verdict-rnn":
    case "verdict-lstm": {
      if (r.summary.nonFinite) return { answer: "exploding", clearance: Infinity };
      const log = log10Ratio(r);
      const answer = log < -2 ? "vanishing" : log > 2 ? "exploding" : "healthy";
      return { answer, clearance: Math.min(Math.abs(log + 2), Math.abs(log - 2)) };
    }
    case "lr-divergence": {
      if (r.summary.nonFinite) return { answer: "yes", clearance: Infinity };
      const decades = Math.log10(r.summary.loss / (r.history[0]?.loss ?? Number.NaN));
      return { answer: decades > 0 ? "yes" : "no", clearance: Math.abs(decades) };
    }
    case "fp16-underflow": {
      if (!twin) throw new Error("fp16-underflow needs its fp64 twin");
      const g16 = firstGrad(r);
      const config = canonical(r.meta.config);
      const perElement =
        (firstGrad(twin) * config.lossScale) / Math.sqrt(config.batch * (config.model === "mlp" ? config.width : 1));
      return {
        answer: g16 > 0 && Number.isFinite(g16) ? "yes" : "no",
        clearance: Math.abs(Math.log10(perElement / 2 ** -24)),
      };
    }
    case "smallest-gradient": {
      // the offered layers (steps): the smallest backward signal among them, and its factor to the runner-up
      const profile =
        r.model === "mlp"
          ? r.layers.map((l) => l.activationGradNorm)
          : r.model === "transformer"
            ? []
            : r.timesteps.map((t) => t.hiddenGradNorm);
      const offered = choiceIds(p).map((id) => ({ id, v: profile[Number(id) - 1] ?? Number.NaN }));
      const [best, second] = offered.sort((a, b) => a.v - b.v);
      if (!best || !second) throw new Error("fewer than two choices");
      return { answer: best.id, clearance: Math.log10(second.v / best.v) };
    }
    case "healthy-fix": {
      // results: the net as given, then one per offered change; healthy = |log₁₀ ratio| < 2
      const distance = (x: SimResult) => (x.summary.nonFinite ? Infinity : Math.abs(log10Ratio(x)));
      const options = p.results.slice(1);
      const healthy = choiceIds(p).filter((_, i) => distance(options[i] as SimResult) < 2);
      const given = distance(r);
      return {
        answer: healthy.length === 1 ? (healthy[0] as string) : `${healthy.length} healthy`,
        clearance: Math.min(given - 2, ...options.map((o) => Math.abs(distance(o) - 2))),
      };
    }
    case "transformer-ln": {
      if (!twin || r.model !== "transformer" || twin.model !== "transformer")
        throw new Error("Post-LN and Pre-LN runs");
      const log = Math.log10(
        (r.layers.at(-1)?.activationGradNorm ?? Number.NaN) / (twin.layers.at(-1)?.activationGradNorm ?? Number.NaN),
      );
      const edges = [Math.log10(0.5), Math.log10(2), Math.log10(4)];
      const answer =
        log < edges[0]! ? "pre-larger" : log < edges[1]! ? "similar" : log < edges[2]! ? "post-2-4" : "post-over-4";
      return { answer, clearance: Math.min(...edges.map((e) => Math.abs(log - e))) };
    }
  }
}

const choiceIds = (p: Problem): string[] => (p.answer.type === "choice" ? p.answer.choices.map((c) => c.id) : []);

async function problemOf(family: DrillFamilyId, seed: number): Promise<Problem> {
  const p = await CATALOG[family].generate(seed, runEngine);
  if (!p) throw new Error(`${family}/${seed}: no clear problem within the draws`);
  return p;
}

describe.each(DRILL_FAMILIES)("drill family %s", (family) => {
  it("gives every seed a well-posed problem whose answer is the engine's, clear by the margin, within budget", async () => {
    await fc.assert(
      fc.asyncProperty(seedArb, async (seed) => {
        const p = await problemOf(family, seed);
        const truth = oracle(family, p);
        if (typeof truth.answer === "number") expect(p.expected).toBeCloseTo(truth.answer, 12);
        else expect(p.expected).toBe(truth.answer);
        expect(truth.clearance).toBeGreaterThanOrEqual(p.margin);
        expect(p.clearance).toBeGreaterThanOrEqual(p.margin);
        const flops = p.runs.reduce((sum, run) => sum + estimateFlops(canonical(run.config)), 0);
        expect(flops).toBeLessThan(SCENARIO_FLOP_BUDGET);
        if (p.answer.type === "choice") expect(p.answer.choices.map((c) => c.id)).toContain(p.expected);
        else expect(Number.isFinite(p.expected)).toBe(true);
      }),
      { numRuns: SEEDS_PER_FAMILY, seed: 16 },
    );
  }, 600_000);

  it("is reproducible: a seed gives the same problem again, and neighbouring seeds differ", async () => {
    const a = await problemOf(family, 12345);
    const b = await problemOf(family, 12345);
    expect(b.runs).toEqual(a.runs);
    expect(b.prompt).toEqual(a.prompt);
    expect(b.expected).toEqual(a.expected);
    const others = await Promise.all([12346, 12347, 12348].map((s) => problemOf(family, s)));
    expect(others.some((o) => JSON.stringify(o.runs) !== JSON.stringify(a.runs))).toBe(true);
  });

  it("never writes the answer into the prompt", async () => {
    const p = await problemOf(family, 777);
    const prompt = JSON.stringify(p.prompt);
    if (typeof p.expected === "number") expect(prompt).not.toContain(p.expected.toFixed(2));
    else if (p.answer.type === "choice" && p.expected !== "yes" && p.expected !== "no")
      expect(prompt).not.toContain(p.expected);
  });
});

describe("seeds once refused", () => {
  it("verdict-rnn 148454907 (eight close draws in a row) now gives a problem, drawn after the eighth", async () => {
    const p = await problemOf("verdict-rnn", 148454907);
    expect(p.draw).toBeGreaterThanOrEqual(8);
  });
});

describe("the answers a family asks for", () => {
  it("offers every verdict and yes/no where it asks for them", async () => {
    const verdicts = new Set<string>();
    for (let seed = 0; seed < 40; seed++) verdicts.add(String((await problemOf("verdict-mlp", seed)).expected));
    expect([...verdicts].sort()).toEqual(["exploding", "healthy", "vanishing"]);
    const lr = new Set<string>();
    for (let seed = 0; seed < 30; seed++) lr.add(String((await problemOf("lr-divergence", seed)).expected));
    expect([...lr].sort()).toEqual(["no", "yes"]);
  });
});
