/**
 * The review session's state, as a reducer: the queue, the counts, whether the answer shows,
 * what is being sent, the rating the server has not acknowledged yet, the reviews Ctrl+Z can
 * undo, the notice to announce, this session's figures (for its summary) and when the next
 * scheduled card comes due (a learning card rated Again is back in a minute, as in Anki).
 * Pure: the hook (useReviewSession) does the sending and the timing.
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

/** This session's figures, for the summary at its end. */
export type SessionStats = {
  reviewed: number;
  again: number;
  /** when the learner first revealed an answer, and when the latest rating was acknowledged (ms) */
  startedAt: number | null;
  lastAt: number | null;
};

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
  history: { card: SessionCard; requestId: string; rating: Rating }[];
  notice: Notice | null;
  stats: SessionStats;
  /** the earliest due time (ms) of a card scheduled after now: the server's, or a card just rated */
  nextDueAt: number | null;
};

export type ServerQueue = {
  version: string;
  cards: SessionCard[];
  dueCount: number;
  newCount: number;
  /** the earliest due time after the server's now, ISO (null: nothing scheduled) */
  nextDue: string | null;
};

export type ReviewAction =
  | { type: "load"; queue: ServerQueue }
  | { type: "reveal"; at: number }
  | { type: "send"; what: "rate" | "undo" }
  /** acknowledged at `at`; the card is due again at `due` (ms since the epoch) */
  | { type: "rated"; review: PendingReview; at: number; due: number }
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
    stats: { reviewed: 0, again: 0, startedAt: null, lastAt: null },
    nextDueAt: queue.nextDue ? Date.parse(queue.nextDue) : null,
  };
}

/**
 * The server's queue, with the card on screen kept in front: a queue reloaded mid-card (a
 * learning card came due) never swaps the card the learner is looking at.
 */
function keepFront(current: SessionCard | undefined, cards: SessionCard[]): SessionCard[] {
  const same = current && cards.find((c) => c.slug === current.slug);
  return same ? [same, ...cards.filter((c) => c !== same)] : cards;
}

const earliest = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));

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
        queue: keepFront(state.queue[0], action.queue.cards),
        counts: { due: action.queue.dueCount, new: action.queue.newCount },
        nextDueAt: action.queue.nextDue ? Date.parse(action.queue.nextDue) : null,
      };
    case "reveal":
      if (state.queue.length === 0) return state;
      return { ...state, revealed: true, stats: { ...state.stats, startedAt: state.stats.startedAt ?? action.at } };
    case "send":
      return { ...state, busy: action.what, notice: null };
    case "rated": {
      // acknowledged by the server: only now does the session move on
      const { review, at, due } = action;
      const rated = state.queue.find((c) => c.slug === review.questionSlug) ?? state.queue[0];
      if (!rated) return { ...state, busy: null, failed: null };
      const { stats } = state;
      return {
        ...state,
        busy: null,
        failed: null,
        queue: state.queue.filter((c) => c.slug !== review.questionSlug),
        counts: countChange(state.counts, rated.kind, -1),
        history: [...state.history, { card: rated, requestId: review.requestId, rating: review.rating }],
        revealed: false,
        notice: { kind: "saved", rating: review.rating, interval: rated.intervals[review.rating] },
        stats: {
          reviewed: stats.reviewed + 1,
          again: stats.again + (review.rating === 1 ? 1 : 0),
          startedAt: stats.startedAt ?? at,
          lastAt: at,
        },
        nextDueAt: earliest(state.nextDueAt, due > at ? due : null),
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
        stats: {
          ...state.stats,
          reviewed: Math.max(0, state.stats.reviewed - 1),
          again: Math.max(0, state.stats.again - (last.rating === 1 ? 1 : 0)),
        },
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
