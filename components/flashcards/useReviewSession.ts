"use client";
/**
 * The review session's behaviour: a rating is sent with a requestId made on the client before
 * sending, retried with the SAME id on network failure, and the session moves on only when the
 * server has acknowledged it, so nothing acknowledged is lost and nothing is stored twice. When
 * the queue runs out, the page is asked for the next one; when a scheduled card comes due (a
 * learning card rated Again a minute ago), too, so it comes back by itself, as in Anki.
 */
import { useRouter } from "next/navigation";
import { useEffect, useReducer, useRef, useTransition } from "react";
import type { Rating } from "@/lib/flashcards/ratings";
import type { ReviewResponse } from "@/lib/flashcards/review-api";
import { newRequestId, postJson } from "@/lib/http/client";
import { initialReviewState, type PendingReview, reviewReducer, type ServerQueue } from "./review-session";

/** Cards left on the client when the next batch is asked for. */
const REFILL_AT = 3;
/** After a due time, wait this long before asking (the server's clock may run a little behind). */
const REFRESH_GRACE_MS = 500;
const MAX_TIMER_MS = 24 * 60 * 60 * 1000;

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
    dispatch({ type: "reveal", at: Date.now() });
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
    const due = Date.parse((res.data as ReviewResponse).review.due);
    dispatch({ type: "rated", review, at: Date.now(), due: Number.isFinite(due) ? due : Date.now() });
    // Ask for the next cards before this batch runs out, so the next card never waits.
    const left = state.queue.filter((c) => c.slug !== review.questionSlug).length;
    const more = state.counts.due + state.counts.new - 1 > left;
    if (left === 0 || (more && left <= REFILL_AT)) startRefresh(() => router.refresh());
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

  // A scheduled card coming due: ask the page for the queue then (its card joins behind the one on
  // screen). Timers further away than a day are not set; the learner will have reloaded by then.
  // Re-armed after every reload, so a server clock still short of the due time is asked again.
  const { nextDueAt, version } = state;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` re-arms the timer after each reload
  useEffect(() => {
    if (nextDueAt === null) return;
    const wait = Math.max(REFRESH_GRACE_MS, nextDueAt - Date.now() + REFRESH_GRACE_MS);
    if (wait > MAX_TIMER_MS) return;
    const timer = setTimeout(() => startRefresh(() => router.refresh()), wait);
    return () => clearTimeout(timer);
  }, [nextDueAt, version, router]);

  // Keep keyboard focus on the card as it changes (never on first load).
  const slug = current?.slug;
  useEffect(() => {
    if (interacted.current && slug !== undefined) cardRef.current?.focus({ preventScroll: true });
  }, [slug]);

  return { state, current, refreshing, cardRef, reveal, rate, retry, undo };
}
