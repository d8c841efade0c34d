/**
 * POST /api/flashcards/undo {requestId?} — undoes the current learner's newest review, restoring
 * the card exactly. With requestId, only that review, and only while it is the newest: repeating
 * the same undo answers `{undone: null}` and changes nothing.
 */

import { answeringOutages } from "@/app/api/outage";
import { getCurrentUser } from "@/lib/accounts/current-user.server";
import { undoLastReview } from "@/lib/db/cards.server";
import type { UndoResponse } from "@/lib/flashcards/review-api";
import { UndoRequestSchema } from "@/lib/flashcards/review-api";
import { parseJsonBody } from "@/lib/http/body";
import { jsonError } from "@/lib/http/json";
import { refuseCrossSite } from "@/lib/http/origin";

async function post(request: Request): Promise<Response> {
  const crossSite = refuseCrossSite(request);
  if (crossSite) return crossSite;
  const body = await parseJsonBody(request, UndoRequestSchema);
  if (!body.ok) return body.response;
  const user = await getCurrentUser();
  if (!user) return jsonError(404, "There is no review to undo.");
  const result = await undoLastReview(user.id, { requestId: body.data.requestId });
  if (!result.ok) {
    if (result.error === "nothing_to_undo") return jsonError(404, "There is no review to undo.");
    return result.error === "unreadable"
      ? jsonError(409, "That review's earlier card state is not readable, so it cannot be undone exactly.")
      : jsonError(409, "That review is no longer the newest one, so it cannot be undone.");
  }
  const u = result.undone;
  const payload: UndoResponse = {
    undone: u ? { requestId: u.requestId, questionSlug: u.questionSlug, rating: u.rating } : null,
  };
  return Response.json(payload);
}

export const POST = answeringOutages(post);
