/**
 * POST /api/flashcards/review {questionSlug, rating 1–4, requestId (client UUID)} — rates one
 * flashcard for the current learner (a guest is created on the first review). Idempotent by
 * requestId: a retry answers the stored result with `replayed: true` and stores nothing new.
 */
import { after } from "next/server";
import { answeringOutages } from "@/app/api/outage";
import { getOrCreateUser, isGuestRefused } from "@/lib/accounts/current-user.server";
import { submitReview } from "@/lib/db/cards.server";
import type { ReviewResponse } from "@/lib/flashcards/review-api";
import { ReviewRequestSchema } from "@/lib/flashcards/review-api";
import { parseJsonBody } from "@/lib/http/body";
import { jsonError } from "@/lib/http/json";
import { refuseCrossSite } from "@/lib/http/origin";
import { refitIfDue } from "@/lib/optimizer/personal-parameters.server";

async function post(request: Request): Promise<Response> {
  const crossSite = refuseCrossSite(request);
  if (crossSite) return crossSite;
  const body = await parseJsonBody(request, ReviewRequestSchema);
  if (!body.ok) return body.response;
  const user = await getOrCreateUser();
  if (isGuestRefused(user)) {
    const refused = jsonError(429, "Too many new visitors from your network right now; try again later or sign in.");
    refused.headers.set("retry-after", String(user.retryAfterS));
    return refused;
  }
  const result = await submitReview({ userId: user.id, ...body.data });
  if (!result.ok) {
    return result.error === "unknown_question"
      ? jsonError(404, `No published question with the slug "${body.data.questionSlug}".`)
      : jsonError(409, "This requestId was already used for a different review; generate a new one.");
  }
  const r = result.review;
  // personal FSRS parameters are refitted off the response's path once the log has grown (ADR 0028)
  if (!r.replayed) after(() => refitIfDue(user.id).catch((error) => console.error("FSRS refit failed", error)));
  const payload: ReviewResponse = {
    review: {
      requestId: r.requestId,
      questionSlug: r.questionSlug,
      rating: r.rating,
      reviewedAt: r.reviewedAt.toISOString(),
      due: r.card.due.toISOString(),
      state: r.card.state,
      replayed: r.replayed,
    },
  };
  return Response.json(payload, { status: r.replayed ? 200 : 201 });
}

export const POST = answeringOutages(post);
