/**
 * A problem from (family, seed): the family draws parameters from the engine's seeded PRNG, the
 * engine runs them, and the draw is kept only when the family's judge finds the answer clear of
 * every boundary by its margin; otherwise the next draw of the same stream is tried. So a seed
 * always gives the same problem, and no problem is a coin toss.
 */
import { Rng, type SimConfigInput, type SimResult } from "@/lib/sim";
import { DRILL_STREAM } from "./draw";
import type { DrillFamilyId } from "./families";
import type { AnswerForm, DrillAnswer, DrillFamily, DrillMarks, DrillRun, Explanation, Measured, Text } from "./family";

/** Runs one engine config: `simulate` in tests, the simulation service in the app. */
export type DrillRunner = (config: SimConfigInput) => SimResult | Promise<SimResult>;

/** Draws tried per seed before the seed is refused (every draw runs the engine, so this bounds a request). */
export const MAX_DRAWS = 8;

export type Problem = {
  family: DrillFamilyId;
  seed: number;
  /** which draw of the seed's stream became the problem (0 = the first) */
  draw: number;
  margin: number;
  prompt: Text[];
  answer: AnswerForm;
  runs: DrillRun[];
  results: SimResult[];
  expected: DrillAnswer;
  clearance: number;
  measured: Measured;
  explanation: Explanation;
  /** the charts' marks for an answer (the learner's, beside the engine's) */
  marks(answer: DrillAnswer): DrillMarks;
};

/** A family with its draw type hidden: what the catalogue holds. */
export type Drill = {
  id: DrillFamilyId;
  margin: number;
  /** the problem of this seed, or null when the family's maxDraws (MAX_DRAWS) draws in a row were too close to call */
  generate(seed: number, run: DrillRunner): Promise<Problem | null>;
};

export function makeDrill<P>(family: DrillFamily<P>): Drill {
  return {
    id: family.id,
    margin: family.margin,
    async generate(seed, run) {
      const rng = new Rng(seed, DRILL_STREAM);
      for (let draw = 0; draw < (family.maxDraws ?? MAX_DRAWS); draw++) {
        const p = family.draw(rng);
        const runs = family.runs(p);
        const results = await Promise.all(runs.map((r) => run(r.config)));
        const judgement = family.judge(p, results);
        if (!judgement.ok) continue;
        return {
          family: family.id,
          seed,
          draw,
          margin: family.margin,
          prompt: family.prompt(p),
          answer: family.answer(p),
          runs,
          results,
          expected: judgement.expected,
          clearance: judgement.clearance,
          measured: judgement.measured,
          explanation: family.explain(p, results),
          marks: (answer) => family.marks(p, results, answer),
        };
      }
      return null;
    },
  };
}
