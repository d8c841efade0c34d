import { describe, expect, it } from "vitest";
import { DRILL_FAMILIES } from "@/lib/drills/families";
import { familySchedules, mostDueFamily, ratingOf, replayFamily, type ScheduledAttempt } from "@/lib/drills/schedule";
import { newCard, review } from "@/lib/flashcards/fsrs";

const T0 = new Date("2026-12-01T10:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe("drill families as FSRS cards", () => {
  it("replays attempts through the flashcards' scheduler: a miss is Again, a right answer Good", () => {
    expect(ratingOf(false)).toBe(1);
    expect(ratingOf(true)).toBe(3);
    const attempts = [true, false, true].map((correct, i) => ({ correct, createdAt: at(i * 30) }));
    let card = newCard(at(0));
    for (const a of attempts) card = review(card, ratingOf(a.correct), a.createdAt).card;
    expect(replayFamily(attempts)).toEqual(card);
    expect(replayFamily([])).toBeNull();
  });

  it("brings a missed family back within minutes, a right one after longer and longer gaps", () => {
    const missed = replayFamily([{ correct: false, createdAt: at(0) }]);
    const right = replayFamily([{ correct: true, createdAt: at(0) }]);
    expect(missed?.due.getTime()).toBe(at(1).getTime()); // learning step: 1 minute
    expect(right?.due.getTime()).toBe(at(10).getTime()); // the next step: 10 minutes
    const twice = replayFamily([true, true].map((correct, i) => ({ correct, createdAt: at(i * 10) })));
    const gap = (twice?.due.getTime() ?? 0) - at(10).getTime();
    expect(gap).toBeGreaterThanOrEqual(DAY); // graduated: days
    // a lapse after graduating: back within the relearning step, a lapse counted
    const lapsed = replayFamily([true, true, false].map((correct, i) => ({ correct, createdAt: at(i * 10) })));
    expect(lapsed?.lapses).toBe(1);
    expect((lapsed?.due.getTime() ?? 0) - at(20).getTime()).toBeLessThanOrEqual(10 * MINUTE);
  });

  it("schedules every family, new ones due now, in any order of the attempts", () => {
    const attempts: ScheduledAttempt[] = [
      { family: "verdict-rnn", correct: true, createdAt: at(5) },
      { family: "estimate-ratio", correct: false, createdAt: at(3) },
      { family: "verdict-rnn", correct: true, createdAt: at(0) },
    ];
    const now = at(6);
    const schedules = familySchedules(attempts, now);
    expect(schedules.map((s) => s.family)).toEqual([...DRILL_FAMILIES]);
    const of = (f: string) => schedules.find((s) => s.family === f);
    expect(of("estimate-ratio")).toMatchObject({ isDue: true, lastMissed: true, due: at(4) });
    expect(of("verdict-rnn")?.isDue).toBe(false);
    expect(of("verdict-rnn")?.card?.reps).toBe(2);
    expect(of("verdict-mlp")).toMatchObject({ card: null, isDue: true, due: now, lastMissed: false });
    expect(familySchedules([...attempts].reverse(), now)).toEqual(schedules);
  });

  it("mixed serves the most-due family: a missed one once its step has passed, else a new one, else the soonest", () => {
    const missed: ScheduledAttempt = { family: "verdict-lstm", correct: false, createdAt: at(0) };
    // within the minute, the missed family is not due yet: a new family comes first
    const early = familySchedules([missed], at(0.5));
    for (const r of [0, 0.5, 0.999]) expect(mostDueFamily(early, r)).not.toBe("verdict-lstm");
    // after it, the missed family is due longest ago
    const later = familySchedules([missed], at(2));
    for (const r of [0, 0.5, 0.999]) expect(mostDueFamily(later, r)).toBe("verdict-lstm");
    // every family practised and none due: the one due soonest (the missed one, 1 minute before the others' 10)
    const all: ScheduledAttempt[] = DRILL_FAMILIES.map((family) => ({
      family,
      correct: family !== "fp16-underflow",
      createdAt: at(0),
    }));
    const none = familySchedules(all, at(0.5));
    expect(none.every((s) => !s.isDue)).toBe(true);
    expect(mostDueFamily(none, 0.3)).toBe("fp16-underflow");
    // ties (all new) go by the random number, over every family
    const fresh = familySchedules([], at(0));
    const picks = new Set(DRILL_FAMILIES.map((_, i) => mostDueFamily(fresh, (i + 0.5) / DRILL_FAMILIES.length)));
    expect(picks.size).toBe(DRILL_FAMILIES.length);
  });
});
