/**
 * The review session's state, as a reducer: the queue, the counts, whether the answer shows,
 * what is being sent, the rating the server has not acknowledged yet, the reviews Ctrl+Z can
 * undo, and the notice to announce. Pure: the hook (useReviewSession) does the sending.
 */
import type { ReactNode } from "react";
import type { Rating } from "@/lib/flashcards/ratings";

export type SessionCard = {
  slug: string;
  kind: "new" | "learning" | "review";
  title: string;
  /** the next interval each rating would schedule, already formatted */
  intervals: Record<Rating, string>;
  front: ReactNode;
  back: ReactNode;
};

/** A rating on its way: retried with the same requestId until the server answers. */
export type PendingReview = { questionSlug: string; rating: Rating; requestId: string };

/** What the status line says; the view words it in the learner's language. */
export type Notice =
  | { kind: "saved"; rating: Rating; interval: string }
  | { kind: "undone"; title: string }
  | { kind: "undoNothing" }
  | { kind: "networkError" }
  | { kind: "refused"; message: string }
  | { kind: "undoFailed"; message: string };

export type ReviewState = {
  /** the server render this state started from */
  version: string;
  queue: SessionCard[];
  counts: { due: number; new: number };
  revealed: boolean;
  busy: null | "rate" | "undo";
  /** a rating the server never acknowledged: it must be retried before anything else */
  failed: PendingReview | null;
  /** acknowledged reviews, newest last: what Ctrl+Z can undo */
  history: { card: SessionCard; requestId: string }[];
  notice: Notice | null;
};

export type ServerQueue = { version: string; cards: SessionCard[]; dueCount: number; newCount: number };

export type ReviewAction =
  | { type: "load"; queue: ServerQueue }
  | { type: "reveal" }
  | { type: "send"; what: "rate" | "undo" }
  | { type: "rated"; review: PendingReview }
  | { type: "rateUnanswered"; review: PendingReview }
  | { type: "rateRefused"; message: string }
  | { type: "undone" }
  | { type: "undoUnanswered" }
  | { type: "undoRefused"; message: string }
  | { type: "nothingToUndo" };

export function initialReviewState(queue: ServerQueue): ReviewState {
  return {
    version: queue.version,
    queue: queue.cards,
    counts: { due: queue.dueCount, new: queue.newCount },
    revealed: false,
    busy: null,
    failed: null,
    history: [],
    notice: null,
  };
}

function countChange(counts: ReviewState["counts"], kind: SessionCard["kind"], by: number): ReviewState["counts"] {
  return kind === "new"
    ? { ...counts, new: Math.max(0, counts.new + by) }
    : { ...counts, due: Math.max(0, counts.due + by) };
}

export function reviewReducer(state: ReviewState, action: ReviewAction): ReviewState {
  switch (action.type) {
    case "load":
      // a new queue from the server replaces the one on screen (history and notice stay)
      return {
        ...state,
        version: action.queue.version,
        queue: action.queue.cards,
        counts: { due: action.queue.dueCount, new: action.queue.newCount },
      };
    case "reveal":
      return state.queue.length === 0 ? state : { ...state, revealed: true };
    case "send":
      return { ...state, busy: action.what, notice: null };
    case "rated": {
      // acknowledged by the server: only now does the session move on
      const { review } = action;
      const rated = state.queue.find((c) => c.slug === review.questionSlug) ?? state.queue[0];
      if (!rated) return { ...state, busy: null, failed: null };
      return {
        ...state,
        busy: null,
        failed: null,
        queue: state.queue.filter((c) => c.slug !== review.questionSlug),
        counts: countChange(state.counts, rated.kind, -1),
        history: [...state.history, { card: rated, requestId: review.requestId }],
        revealed: false,
        notice: { kind: "saved", rating: review.rating, interval: rated.intervals[review.rating] },
      };
    }
    case "rateUnanswered":
      return { ...state, busy: null, failed: action.review, notice: { kind: "networkError" } };
    case "rateRefused":
      return { ...state, busy: null, failed: null, notice: { kind: "refused", message: action.message } };
    case "undone": {
      const last = state.history[state.history.length - 1];
      if (!last) return { ...state, busy: null };
      return {
        ...state,
        busy: null,
        history: state.history.slice(0, -1),
        queue: [last.card, ...state.queue.filter((c) => c.slug !== last.card.slug)],
        counts: countChange(state.counts, last.card.kind, 1),
        revealed: false,
        notice: { kind: "undone", title: last.card.title },
      };
    }
    case "undoUnanswered":
      return { ...state, busy: null, notice: { kind: "networkError" } };
    case "undoRefused":
      // the server has no such review to undo: forget it here too
      return {
        ...state,
        busy: null,
        history: state.history.slice(0, -1),
        notice: { kind: "undoFailed", message: action.message },
      };
    case "nothingToUndo":
      return { ...state, notice: { kind: "undoNothing" } };
  }
}
