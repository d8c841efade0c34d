import { describe, expect, it } from "vitest";
import {
  initialReviewState,
  type ReviewAction,
  type ReviewState,
  reviewReducer,
  type SessionCard,
} from "@/components/flashcards/review-session";

const card = (slug: string, kind: SessionCard["kind"] = "new"): SessionCard => ({
  slug,
  kind,
  title: slug.toUpperCase(),
  intervals: { 1: "1m", 2: "6m", 3: "10m", 4: "4d" },
  front: null,
  back: null,
});
const queue = { version: "v1", cards: [card("a"), card("b", "review")], dueCount: 1, newCount: 1, nextDue: null };
const T0 = Date.parse("2026-12-01T10:00:00Z");
const run = (state: ReviewState, ...actions: ReviewAction[]) => actions.reduce(reviewReducer, state);
const review = (questionSlug: string, requestId = `req-${questionSlug}`) => ({
  questionSlug,
  rating: 3 as const,
  requestId,
});

describe("the review session's reducer", () => {
  it("moves on only when a rating is acknowledged, counting down the card's kind", () => {
    const start = initialReviewState(queue);
    const sent = run(start, { type: "reveal", at: T0 }, { type: "send", what: "rate" });
    expect(sent).toMatchObject({ busy: "rate", revealed: true, queue: start.queue });
    const rated = run(sent, { type: "rated", review: review("a"), at: T0 + 5000, due: T0 + 65_000 });
    expect(rated.queue.map((c) => c.slug)).toEqual(["b"]);
    expect(rated).toMatchObject({ busy: null, revealed: false, counts: { new: 0, due: 1 } });
    expect(rated.history).toEqual([{ card: start.queue[0], requestId: "req-a", rating: 3 }]);
    expect(rated.notice).toEqual({ kind: "saved", rating: 3, interval: "10m" });
  });

  it("keeps an unanswered rating to be retried with the same requestId, and a refused one not", () => {
    const pending = review("a", "same-id");
    const lost = run(
      initialReviewState(queue),
      { type: "send", what: "rate" },
      { type: "rateUnanswered", review: pending },
    );
    expect(lost).toMatchObject({ failed: pending, busy: null, notice: { kind: "networkError" } });
    expect(lost.queue).toHaveLength(2);
    const refused = run(lost, { type: "send", what: "rate" }, { type: "rateRefused", message: "no" });
    expect(refused).toMatchObject({ failed: null, notice: { kind: "refused", message: "no" } });
    expect(refused.queue).toHaveLength(2);
  });

  it("undo puts the newest reviewed card back in front and counts it again", () => {
    const rated = run(initialReviewState(queue), {
      type: "rated",
      review: review("a"),
      at: T0 + 5000,
      due: T0 + 65_000,
    });
    const undone = run(rated, { type: "send", what: "undo" }, { type: "undone" });
    expect(undone.queue.map((c) => c.slug)).toEqual(["a", "b"]);
    expect(undone).toMatchObject({ history: [], counts: { new: 1, due: 1 }, notice: { kind: "undone", title: "A" } });
  });

  it("a refused undo forgets that review; an unanswered one keeps it; with none there is nothing to undo", () => {
    const rated = run(initialReviewState(queue), {
      type: "rated",
      review: review("a"),
      at: T0 + 5000,
      due: T0 + 65_000,
    });
    expect(run(rated, { type: "undoUnanswered" }).history).toHaveLength(1);
    expect(run(rated, { type: "undoRefused", message: "gone" })).toMatchObject({
      history: [],
      notice: { kind: "undoFailed", message: "gone" },
    });
    expect(run(initialReviewState(queue), { type: "nothingToUndo" }).notice).toEqual({ kind: "undoNothing" });
  });

  it("a new server queue replaces the cards and counts but keeps what can be undone", () => {
    const rated = run(initialReviewState(queue), {
      type: "rated",
      review: review("a"),
      at: T0 + 5000,
      due: T0 + 65_000,
    });
    const next = { version: "v2", cards: [card("c", "learning")], dueCount: 5, newCount: 0, nextDue: null };
    const loaded = run(rated, { type: "load", queue: next });
    expect(loaded).toMatchObject({ version: "v2", queue: next.cards, counts: { due: 5, new: 0 } });
    expect(loaded.history).toHaveLength(1);
    expect(run(initialReviewState({ ...next, cards: [] }), { type: "reveal", at: T0 }).revealed).toBe(false);
  });

  it("counts this session's reviews, Again ratings and time, and takes back an undone one", () => {
    const again = { ...review("a"), rating: 1 as const };
    const s = run(
      initialReviewState(queue),
      { type: "reveal", at: T0 },
      { type: "rated", review: again, at: T0 + 4000, due: T0 + 64_000 },
      { type: "reveal", at: T0 + 5000 },
      { type: "rated", review: review("b"), at: T0 + 90_000, due: T0 + 600_000 },
    );
    expect(s.stats).toEqual({ reviewed: 2, again: 1, startedAt: T0, lastAt: T0 + 90_000 });
    const undone = run(s, { type: "undone" });
    expect(undone.stats).toMatchObject({ reviewed: 1, again: 1 });
    expect(run(undone, { type: "rated", review: review("b"), at: T0 + 95_000, due: T0 + 600_000 }).stats.reviewed).toBe(
      2,
    );
    const undoneAgain = run(
      initialReviewState(queue),
      { type: "rated", review: again, at: T0, due: T0 + 60_000 },
      { type: "undone" },
    );
    expect(undoneAgain.stats).toMatchObject({ reviewed: 0, again: 0 });
  });

  it("knows when the next card comes due: the server's time, or sooner a card just rated Again", () => {
    const start = initialReviewState({ ...queue, nextDue: new Date(T0 + 3_600_000).toISOString() });
    expect(start.nextDueAt).toBe(T0 + 3_600_000);
    const again = { ...review("a"), rating: 1 as const };
    const rated = run(start, { type: "rated", review: again, at: T0, due: T0 + 60_000 });
    expect(rated.nextDueAt).toBe(T0 + 60_000);
    // a review card scheduled in days does not move it
    expect(run(rated, { type: "rated", review: review("b"), at: T0 + 1, due: T0 + 86_400_000 }).nextDueAt).toBe(
      T0 + 60_000,
    );
    // the reloaded queue brings the server's next due time
    const loaded = run(rated, { type: "load", queue: { ...queue, version: "v2", cards: [], nextDue: null } });
    expect(loaded.nextDueAt).toBeNull();
  });

  it("a queue reloaded mid-card keeps the card on screen in front", () => {
    const revealed = run(initialReviewState(queue), { type: "reveal", at: T0 });
    const reloaded = run(revealed, {
      type: "load",
      queue: { ...queue, version: "v2", cards: [card("l", "learning"), card("b", "review"), card("a")] },
    });
    expect(reloaded.queue.map((c) => c.slug)).toEqual(["a", "l", "b"]);
    expect(reloaded.revealed).toBe(true);
  });
});
