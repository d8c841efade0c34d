import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CardFields,
  formatInterval,
  fromFsrsCard,
  newCard,
  previewIntervals,
  review,
  toFsrsCard,
} from "@/lib/flashcards/fsrs";
import { RATINGS, type Rating } from "@/lib/flashcards/ratings";

const MIN = 60_000;
const DAY = 86_400_000;
const T0 = new Date("2026-03-01T09:00:00Z");

const ratingArb = fc.constantFrom<Rating>(...RATINGS);
/** A card with a realistic history: a new card reviewed with random ratings at random later times. */
const historyArb = fc.array(fc.tuple(ratingArb, fc.integer({ min: 0, max: 60 * DAY })), { maxLength: 12 });

function play(history: [Rating, number][]): { card: CardFields; now: Date } {
  let card = newCard(T0);
  let now = T0;
  for (const [rating, waitMs] of history) {
    // review when due at the earliest (plus the random wait), like a learner following the queue
    now = new Date(Math.max(now.getTime(), card.due.getTime()) + waitMs);
    card = review(card, rating, now).card;
  }
  return { card, now: new Date(Math.max(now.getTime(), card.due.getTime())) };
}

describe("FSRS wrapper", () => {
  it("a new card: Again 1m, Hard 6m, Good 10m (learning steps), Easy graduates to days", () => {
    const card = newCard(T0);
    expect(card.state).toBe(0);
    const iv = previewIntervals(card, T0);
    expect(formatInterval(iv[1])).toBe("1m");
    expect(formatInterval(iv[2])).toBe("6m");
    expect(formatInterval(iv[3])).toBe("10m");
    expect(iv[4]).toBeGreaterThanOrEqual(DAY);
    expect(formatInterval(iv[4])).toMatch(/^\d+d$/);
  });

  it("review() schedules exactly what previewIntervals() showed (no fuzz) and logs the state before", () => {
    const card = newCard(T0);
    const iv = previewIntervals(card, T0);
    for (const r of RATINGS) {
      const out = review(card, r, T0);
      expect(out.card.due.getTime() - T0.getTime()).toBe(iv[r]);
      expect(out.log.rating).toBe(r);
      expect(out.log.state).toBe(0);
      expect(out.log.review).toEqual(T0);
      expect(out.card.reps).toBe(1);
      expect(out.card.lastReview).toEqual(T0);
    }
    expect(review(card, 3, T0).card.state).toBe(1); // learning
    expect(review(card, 4, T0).card.state).toBe(2); // review
  });

  it("lapses count a forgotten review card and move it to relearning", () => {
    let { card } = { card: review(newCard(T0), 4, T0).card };
    const later = new Date(card.due.getTime());
    card = review(card, 1, later).card;
    expect(card.state).toBe(3);
    expect(card.lapses).toBe(1);
  });

  it("higher desired retention schedules shorter review intervals", () => {
    const card = review(newCard(T0), 4, T0).card;
    const at = card.due;
    const low = previewIntervals(card, at, { desiredRetention: 0.8 })[3];
    const high = previewIntervals(card, at, { desiredRetention: 0.97 })[3];
    expect(high).toBeLessThan(low);
  });

  it("maps rows to ts-fsrs cards and back without loss", () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const { card } = play(h);
        expect(fromFsrsCard(toFsrsCard(card))).toEqual(card);
      }),
      { numRuns: 100 },
    );
  });

  it("formats intervals like Anki", () => {
    expect(formatInterval(20_000)).toBe("<1m");
    expect(formatInterval(10 * MIN)).toBe("10m");
    expect(formatInterval(90 * MIN)).toBe("1.5h");
    expect(formatInterval(DAY)).toBe("1d");
    expect(formatInterval(4 * DAY)).toBe("4d");
    expect(formatInterval(36 * DAY)).toBe("1.2mo");
    expect(formatInterval(730 * DAY)).toBe("2y");
  });

  describe("properties", () => {
    it("the next due time is never before the review", () => {
      fc.assert(
        fc.property(historyArb, ratingArb, fc.integer({ min: 0, max: 30 * DAY }), (h, r, extra) => {
          const { card, now } = play(h);
          const at = new Date(now.getTime() + extra);
          const out = review(card, r, at);
          expect(out.card.due.getTime()).toBeGreaterThanOrEqual(at.getTime());
          expect(out.card.reps).toBe(card.reps + 1);
        }),
        { numRuns: 300 },
      );
    });

    it("Again never schedules longer than Hard, Hard than Good, Good than Easy", () => {
      fc.assert(
        fc.property(historyArb, (h) => {
          const { card, now } = play(h);
          const iv = previewIntervals(card, now);
          expect(iv[1]).toBeLessThanOrEqual(iv[2]);
          expect(iv[2]).toBeLessThanOrEqual(iv[3]);
          expect(iv[3]).toBeLessThanOrEqual(iv[4]);
        }),
        { numRuns: 300 },
      );
    });

    it("is deterministic: the same card, rating and time give the same result", () => {
      fc.assert(
        fc.property(historyArb, ratingArb, (h, r) => {
          const { card, now } = play(h);
          expect(review(card, r, now)).toEqual(review(card, r, now));
        }),
        { numRuns: 100 },
      );
    });

    it("Again on a card in review always counts a lapse; other ratings never do", () => {
      fc.assert(
        fc.property(historyArb, ratingArb, (h, r) => {
          const { card, now } = play(h);
          const out = review(card, r, now);
          const lapse = card.state === 2 && r === 1 ? 1 : 0;
          expect(out.card.lapses).toBe(card.lapses + lapse);
        }),
        { numRuns: 200 },
      );
    });
  });
});
