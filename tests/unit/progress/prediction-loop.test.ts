import { describe, expect, it } from "vitest";
import { nextPrediction, type PredictionAttempt, predictionStreak } from "@/lib/progress/prediction-loop";

const at = (slug: string, correct: boolean | null, minute: number): PredictionAttempt => ({
  slug,
  correct,
  createdAt: new Date(Date.UTC(2026, 11, 1, 12, minute)),
});

describe("predictionStreak", () => {
  it("counts questions in a row, newest first, predicted right at the first try", () => {
    expect(predictionStreak([at("c", true, 3), at("b", true, 2), at("a", false, 1)])).toBe(2);
    expect(predictionStreak([at("c", false, 3), at("b", true, 2)])).toBe(0);
    expect(predictionStreak([])).toBe(0);
  });

  it("judges a question by its first prediction: retrying until right builds no streak", () => {
    // b was wrong first, then right; the list is newest first as the database returns it
    expect(predictionStreak([at("b", true, 5), at("b", false, 4), at("a", true, 1)])).toBe(0);
    // a later wrong retry of a question first answered right does not break the streak
    expect(predictionStreak([at("a", false, 9), at("b", true, 5), at("a", true, 1)])).toBe(2);
  });

  it("an ungraded prediction (correct null) ends the streak", () => {
    expect(predictionStreak([at("b", null, 2), at("a", true, 1)])).toBe(0);
  });
});

describe("nextPrediction", () => {
  const order = ["a", "b", "c", "d"];
  it("is the next untried question in bank order, wrapping around", () => {
    expect(nextPrediction(order, "b", new Set(["b"]))).toBe("c");
    expect(nextPrediction(order, "b", new Set(["b", "c", "d"]))).toBe("a");
    expect(nextPrediction(order, "d", new Set(["d"]))).toBe("a");
  });

  it("when all were tried, simply the next; null when the current is the only one", () => {
    expect(nextPrediction(order, "c", new Set(order))).toBe("d");
    expect(nextPrediction(["a"], "a", new Set())).toBeNull();
  });

  it("never offers the current question, even when it is not in the order", () => {
    expect(nextPrediction(order, "x", new Set(["a"]))).toBe("b");
  });
});
