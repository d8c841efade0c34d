/**
 * What a drill family is: how it draws a problem from the seeded PRNG, which engine runs show the
 * truth, how the engine's result is judged (the right answer and whether the draw is clear of
 * every boundary by the family's margin), and how the answer is explained afterwards.
 *
 * Families speak in message keys of the "drills" namespace with their values (Text); the pages
 * translate them, so one family serves both languages.
 */
import type { Rng, SimConfigInput, SimResult } from "@/lib/sim";
import type { DrillFamilyId } from "./families";

/** A message of the "drills" namespace and its values (numbers already written out for people). */
export type Text = { key: string; values?: Record<string, string | number> };

export type DrillChoice = { id: string; label: Text };

/** How a learner answers: one of 2–4 choices (keys 1–4), or an estimate in decades (a number field). */
export type AnswerForm =
  | { type: "choice"; choices: DrillChoice[] }
  | { type: "estimate"; tolerance: number; min: number; max: number };

export type DrillAnswer = string | number;

/** One engine run behind a problem, and the name the charts give it. */
export type DrillRun = { label: Text; config: SimConfigInput };

/** What the engine measured, for the stored attempt and the result view (plain JSON numbers). */
export type Measured = Record<string, number | string | boolean | null>;

/** The engine's verdict on a draw: the right answer, or why the draw is refused (too close to call). */
export type Judgement =
  | {
      ok: true;
      expected: DrillAnswer;
      /** decades between the engine's value and the nearest boundary (≥ the family's margin) */
      clearance: number;
      measured: Measured;
    }
  | { ok: false; reason: string };

/** Whose mark: the learner's answer (dashed), the engine's (solid), a boundary or a reference (thin). */
export type MarkTone = "learner" | "model" | "note";

/**
 * A mark on one of the result's charts, in the chart's own coordinates: a profile chart is drawn
 * along layers, time steps or blocks (x from 1) with the backward signal on y; the loss chart
 * along training steps with the loss on y.
 */
export type DrillMark = (
  | { type: "x"; x: number }
  | { type: "y"; y: number }
  | { type: "point"; x: number; y: number }
) & { chart: "layer" | "step" | "block" | "loss"; label: Text; tone: MarkTone };

/** What the result's charts mark for one answer: marks, and per run the tags its name gets ("your pick"). */
export type DrillMarks = { marks: DrillMark[]; runTags?: Text[][] };

/** The back-of-the-envelope estimate a candidate would reason out, the engine's value beside it, and why. */
export type Explanation = { estimate: Text; measured: Text; why: Text };

export interface DrillFamily<P> {
  id: DrillFamilyId;
  /**
   * Decades: how far the engine's value must sit from every boundary before a draw becomes a
   * problem; for estimates, the tolerance of a right answer. Stored with every attempt.
   */
  margin: number;
  /**
   * Draws tried per seed before it is refused (default MAX_DRAWS): a family whose draws are
   * often too close to call, and cheap to run, tries more so that no seed of its range is refused.
   */
  maxDraws?: number;
  draw(rng: Rng): P;
  runs(p: P): DrillRun[];
  /** the problem as the learner reads it */
  prompt(p: P): Text[];
  answer(p: P): AnswerForm;
  judge(p: P, results: readonly SimResult[]): Judgement;
  explain(p: P, results: readonly SimResult[]): Explanation;
  /** the learner's answer and the engine's, marked on the charts beside what was measured */
  marks(p: P, results: readonly SimResult[], answer: DrillAnswer): DrillMarks;
}
