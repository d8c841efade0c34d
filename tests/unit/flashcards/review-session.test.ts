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
const queue = { version: "v1", cards: [card("a"), card("b", "review")], dueCount: 1, newCount: 1 };
const run = (state: ReviewState, ...actions: ReviewAction[]) => actions.reduce(reviewReducer, state);
const review = (questionSlug: string, requestId = `req-${questionSlug}`) => ({
  questionSlug,
  rating: 3 as const,
  requestId,
});

describe("the review session's reducer", () => {
  it("moves on only when a rating is acknowledged, counting down the card's kind", () => {
    const start = initialReviewState(queue);
    const sent = run(start, { type: "reveal" }, { type: "send", what: "rate" });
    expect(sent).toMatchObject({ busy: "rate", revealed: true, queue: start.queue });
    const rated = run(sent, { type: "rated", review: review("a") });
    expect(rated.queue.map((c) => c.slug)).toEqual(["b"]);
    expect(rated).toMatchObject({ busy: null, revealed: false, counts: { new: 0, due: 1 } });
    expect(rated.history).toEqual([{ card: start.queue[0], requestId: "req-a" }]);
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
    const rated = run(initialReviewState(queue), { type: "rated", review: review("a") });
    const undone = run(rated, { type: "send", what: "undo" }, { type: "undone" });
    expect(undone.queue.map((c) => c.slug)).toEqual(["a", "b"]);
    expect(undone).toMatchObject({ history: [], counts: { new: 1, due: 1 }, notice: { kind: "undone", title: "A" } });
  });

  it("a refused undo forgets that review; an unanswered one keeps it; with none there is nothing to undo", () => {
    const rated = run(initialReviewState(queue), { type: "rated", review: review("a") });
    expect(run(rated, { type: "undoUnanswered" }).history).toHaveLength(1);
    expect(run(rated, { type: "undoRefused", message: "gone" })).toMatchObject({
      history: [],
      notice: { kind: "undoFailed", message: "gone" },
    });
    expect(run(initialReviewState(queue), { type: "nothingToUndo" }).notice).toEqual({ kind: "undoNothing" });
  });

  it("a new server queue replaces the cards and counts but keeps what can be undone", () => {
    const rated = run(initialReviewState(queue), { type: "rated", review: review("a") });
    const next = { version: "v2", cards: [card("c", "learning")], dueCount: 5, newCount: 0 };
    const loaded = run(rated, { type: "load", queue: next });
    expect(loaded).toMatchObject({ version: "v2", queue: next.cards, counts: { due: 5, new: 0 } });
    expect(loaded.history).toHaveLength(1);
    expect(run(initialReviewState({ ...next, cards: [] }), { type: "reveal" }).revealed).toBe(false);
  });
});
