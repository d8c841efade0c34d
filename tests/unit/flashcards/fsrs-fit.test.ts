import { default_w } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { type FsrsFit, fitIsDue, MIN_FIT_REVIEWS, parametersOf, readFit } from "@/lib/flashcards/fsrs-fit";

const checked = { at: "2026-06-01T10:00:00.000Z", logs: 400, reviews: 250 };
const prediction = { predicted: 0.9, actual: 0.91, logLoss: 0.3 };
const fitted: FsrsFit = {
  status: "fitted",
  ...checked,
  parameters: [...default_w],
  fitted: prediction,
  defaults: prediction,
};

describe("the stored FSRS fit", () => {
  it("gives the scheduler its parameters only when they pass FSRS's bounds", () => {
    expect(parametersOf(fitted)).toEqual([...default_w]);
    expect(parametersOf({ ...fitted, parameters: default_w.slice(0, 19) })).toBeNull();
    expect(parametersOf({ ...fitted, parameters: default_w.map((w, i) => (i === 0 ? 1000 : w)) })).toBeNull();
    expect(parametersOf({ ...fitted, parameters: default_w.map((w, i) => (i === 3 ? Number.NaN : w)) })).toBeNull();
    expect(parametersOf({ status: "reset", ...checked })).toBeNull();
    expect(parametersOf(null)).toBeNull();
    expect(readFit({ status: "fitted", ...checked })).toBeNull();
  });

  it("is due after enough reviews, again once the log grew by a quarter, never after a reset", () => {
    expect(fitIsDue(null, MIN_FIT_REVIEWS - 1)).toBe(false);
    expect(fitIsDue(null, MIN_FIT_REVIEWS)).toBe(true);
    expect(fitIsDue(fitted, 400 + 99)).toBe(false);
    expect(fitIsDue(fitted, 400 + 100)).toBe(true);
    expect(fitIsDue({ ...fitted, logs: 120 }, 120 + 49)).toBe(false);
    expect(fitIsDue({ ...fitted, logs: 120 }, 120 + 50)).toBe(true);
    expect(fitIsDue({ status: "reset", ...checked }, 10_000)).toBe(false);
  });
});
