/**
 * A simulated learner with a KNOWN forgetting curve, for the FSRS optimizer's tests (ADR 0028):
 * their memory follows FSRS with initial stabilities four times the defaults' (they forget much
 * more slowly than FSRS assumes), and each recall is drawn from the true probability with a
 * seeded generator, so a log is the same on every run.
 */
import { type FSRSState, fsrs } from "ts-fsrs";
import { DEFAULT_PARAMETERS } from "@/lib/flashcards/fsrs";
import type { Rating } from "@/lib/flashcards/ratings";

/** mulberry32: a small seeded generator. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The learner's true parameters: initial stabilities ×4, the rest as FSRS's defaults. */
export const TRUE_W = DEFAULT_PARAMETERS.map((w, i) => (i < 4 ? w * 4 : w));

/** One card's memory: what the learner answers after `elapsedDays`, and the state that leaves. */
export function learnerMemory(random: () => number) {
  const truth = fsrs({ w: [...TRUE_W], enable_short_term: false });
  let state: FSRSState | null = null;
  return (elapsedDays: number): Rating => {
    const recalled = state === null || random() < truth.forgetting_curve(elapsedDays, state.stability);
    const rating: Rating = !recalled ? 1 : state === null ? (random() < 0.7 ? 3 : 2) : random() < 0.1 ? 4 : 3;
    state = truth.next_state(state, elapsedDays, rating);
    return rating;
  };
}
