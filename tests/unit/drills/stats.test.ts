/**
 * The dashboard's drill figures: per family all told and over time (the newest TREND_WINDOW
 * attempts beside the TREND_WINDOW before them), estimates' calibration in decades, the streak.
 */
import { describe, expect, it } from "vitest";
import { type AttemptSummary, currentStreak, familyStats, TREND_WINDOW } from "@/lib/drills/stats";

const DAY = 86_400_000;
const start = Date.UTC(2026, 10, 1);

/** `n` attempts of `family`, one a day from `fromDay`, right per `right(i)`, with an estimate's error when given. */
function attempts(
  family: AttemptSummary["family"],
  fromDay: number,
  n: number,
  right: (i: number) => boolean,
  error?: (i: number) => number,
): AttemptSummary[] {
  return Array.from({ length: n }, (_, i) => ({
    family,
    correct: right(i),
    errorDecades: error ? error(i) : null,
    createdAt: new Date(start + (fromDay + i) * DAY),
  }));
}

describe("familyStats", () => {
  it("splits a learner who got better into the newest ten and the ten before, whatever order the rows come in", () => {
    // days 0–9: 2 of 10 right, error 1.5 decades; days 10–19: 9 of 10 right, error 0.3 decades
    const early = attempts(
      "estimate-ratio",
      0,
      TREND_WINDOW,
      (i) => i < 2,
      () => 1.5,
    );
    const late = attempts(
      "estimate-ratio",
      TREND_WINDOW,
      TREND_WINDOW,
      (i) => i !== 4,
      () => 0.3,
    );
    const stats = familyStats([...late, ...early].reverse());
    const s = stats.find((f) => f.family === "estimate-ratio");
    expect(s).toMatchObject({ total: 20, correct: 11 });
    expect(s?.meanErrorDecades).toBeCloseTo(0.9, 12);
    expect(s?.recent).toMatchObject({ total: 10, correct: 9 });
    expect(s?.recent.meanErrorDecades).toBeCloseTo(0.3, 12);
    expect(s?.before).toMatchObject({ total: 10, correct: 2 });
    expect(s?.before?.meanErrorDecades).toBeCloseTo(1.5, 12);
  });

  it("compares only the ten before the newest ten (older attempts count all told, not in the trend)", () => {
    const oldest = attempts("verdict-rnn", 0, 5, () => false);
    const middle = attempts("verdict-rnn", 5, TREND_WINDOW, () => true);
    const newest = attempts("verdict-rnn", 15, TREND_WINDOW, (i) => i % 2 === 0);
    const s = familyStats([...oldest, ...middle, ...newest]).find((f) => f.family === "verdict-rnn");
    expect(s).toMatchObject({ total: 25, correct: 15 });
    expect(s?.recent).toMatchObject({ total: 10, correct: 5, meanErrorDecades: null });
    expect(s?.before).toMatchObject({ total: 10, correct: 10 });
  });

  it("has no 'before' until a family has more than ten attempts, and keeps families apart", () => {
    const stats = familyStats([
      ...attempts("verdict-mlp", 0, 3, () => true),
      ...attempts("fp16-underflow", 0, TREND_WINDOW + 1, () => false),
    ]);
    const mlp = stats.find((f) => f.family === "verdict-mlp");
    expect(mlp?.recent).toMatchObject({ total: 3, correct: 3 });
    expect(mlp?.before).toBeNull();
    expect(stats.find((f) => f.family === "fp16-underflow")?.before).toMatchObject({ total: 1, correct: 0 });
    expect(stats.find((f) => f.family === "lr-divergence")).toMatchObject({ total: 0, before: null });
  });
});

describe("currentStreak", () => {
  it("counts right answers back from the newest, across families", () => {
    const list = [...attempts("verdict-mlp", 0, 3, (i) => i !== 0), ...attempts("estimate-ratio", 3, 2, () => true)];
    expect(currentStreak(list)).toBe(4);
    expect(currentStreak([])).toBe(0);
  });
});
