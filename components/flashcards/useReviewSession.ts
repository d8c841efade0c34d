"use client";
/**
 * The review session's behaviour: a rating is sent with a requestId made on the client before
 * sending, retried with the SAME id on network failure, and the session moves on only when the
 * server has acknowledged it, so nothing acknowledged is lost and nothing is stored twice. When
 * the queue runs out, the page is asked for the next one.
 */
import { useRouter } from "next/navigation";
import { useEffect, useReducer, useRef, useTransition } from "react";
import type { Rating } from "@/lib/flashcards/ratings";
import { newRequestId, postJson } from "@/lib/http/client";
import { initialReviewState, type PendingReview, reviewReducer, type ServerQueue } from "./review-session";

export function useReviewSession(queue: ServerQueue) {
  const router = useRouter();
  const [state, dispatch] = useReducer(reviewReducer, queue, initialReviewState);
  if (state.version !== queue.version) dispatch({ type: "load", queue });
  const [refreshing, startRefresh] = useTransition();
  const sending = useRef(false); // synchronous guard: a double click or key repeat sends once
  const interacted = useRef(false);
  const cardRef = useRef<HTMLElement>(null);
  const current = state.queue[0];

  function reveal() {
    if (!current || state.revealed) return;
    interacted.current = true;
    dispatch({ type: "reveal" });
  }

  async function rate(rating: Rating, retry?: PendingReview) {
    if (sending.current || !current || (!state.revealed && !retry)) return;
    if (state.failed && !retry) return; // an unacknowledged rating must be retried first
    interacted.current = true;
    const review = retry ?? { questionSlug: current.slug, rating, requestId: newRequestId() };
    sending.current = true;
    dispatch({ type: "send", what: "rate" });
    const res = await postJson("/api/flashcards/review", review);
    sending.current = false;
    if (res.kind === "network") return dispatch({ type: "rateUnanswered", review });
    if (res.kind === "refused") return dispatch({ type: "rateRefused", message: res.error });
    dispatch({ type: "rated", review });
    if (state.queue.every((c) => c.slug === review.questionSlug)) startRefresh(() => router.refresh());
  }

  function retry() {
    if (state.failed) void rate(state.failed.rating, state.failed);
  }

  async function undo() {
    const last = state.history[state.history.length - 1];
    if (sending.current || state.failed) return;
    interacted.current = true;
    if (!last) return dispatch({ type: "nothingToUndo" });
    sending.current = true;
    dispatch({ type: "send", what: "undo" });
    const res = await postJson("/api/flashcards/undo", { requestId: last.requestId });
    sending.current = false;
    if (res.kind === "network") return dispatch({ type: "undoUnanswered" });
    if (res.kind === "refused") return dispatch({ type: "undoRefused", message: res.error });
    dispatch({ type: "undone" });
  }

  // Keep keyboard focus on the card as it changes (never on first load).
  const slug = current?.slug;
  useEffect(() => {
    if (interacted.current && slug !== undefined) cardRef.current?.focus({ preventScroll: true });
  }, [slug]);

  return { state, current, refreshing, cardRef, reveal, rate, retry, undo };
}
