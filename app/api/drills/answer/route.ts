/**
 * POST /api/drills/answer — {family, seed, answer} as JSON: grades the answer with the engine and
 * stores it once for the current learner (a new guest when there is none). Refusals are 4xx with
 * a sentence in the learner's language; a request from another site's page is refused (403).
 */
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { answeringOutages } from "@/app/api/outage";
import { submitDrillAnswer } from "@/lib/drill-service/answer.server";
import { readBodyText } from "@/lib/http/body";
import { jsonError } from "@/lib/http/json";
import { isSameOriginRequest } from "@/lib/http/origin";

export const dynamic = "force-dynamic";

/** An answer is a few bytes; anything much larger is no answer. */
const MAX_BODY_BYTES = 4096;
const BodySchema = z.object({ family: z.unknown(), seed: z.unknown(), answer: z.unknown() });

async function post(req: Request): Promise<Response> {
  const t = await getTranslations("drills");
  if (!isSameOriginRequest(req.headers, req.url)) return jsonError(403, t("error_origin"));
  if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json"))
    return jsonError(415, t("error_body"));
  // read within the limit (by Content-Length first, counted when chunked), never the whole body
  const read = await readBodyText(req, MAX_BODY_BYTES);
  if (!read.ok) return jsonError(read.response.status, t("error_body"));
  let body: z.infer<typeof BodySchema>;
  try {
    body = BodySchema.parse(JSON.parse(read.value));
  } catch {
    return jsonError(400, t("error_body"));
  }
  const submitted = await submitDrillAnswer(body);
  if (!submitted.ok) return jsonError(submitted.status, t(submitted.key, submitted.values));
  const { attempt, created } = submitted;
  return Response.json(
    {
      family: attempt.family,
      seed: attempt.seed,
      answer: attempt.response.answer,
      expected: attempt.expected.answer,
      correct: attempt.correct,
      errorDecades: attempt.errorDecades,
      margin: attempt.margin,
      created,
    },
    { status: created ? 201 : 200, headers: { "cache-control": "no-store" } },
  );
}

export const POST = answeringOutages(post);
