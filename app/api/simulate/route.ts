/**
 * The engine over HTTP.
 *   GET  /api/simulate?model=mlp&depth=30&activation=tanh&train.steps=50   (shareable, cacheable)
 *   POST /api/simulate   with the JSON config as the body
 * Both go through the engine's one zod schema (with its cost model); bad input is a 400 naming
 * the field and the allowed range. Results are deterministic, so responses carry a strong ETag.
 * Uncached runs go through the public lane (per-client limits, a bounded queue): 429 or 503 with
 * Retry-After when it refuses.
 */

import { answeringOutages } from "@/app/api/outage";
import { runForRequest } from "@/app/api/simulate/refusal";
import { parseJsonText, readBodyText } from "@/lib/http/body";
import { jsonError, type Problem } from "@/lib/http/json";
import { configFromSearchParams, parseSimConfig, type SimConfig } from "@/lib/sim";

/** A config is a few hundred bytes; anything much larger is not one. */
const MAX_BODY_BYTES = 16 * 1024;
const CACHE_CONTROL = "public, max-age=3600, stale-while-revalidate=86400";

function invalidConfig(errors: Problem[]): Response {
  const summary = errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join("; ");
  return jsonError(400, `Invalid simulation config — ${summary}`, errors);
}

async function respond(request: Request, config: SimConfig, cacheable: boolean): Promise<Response> {
  const outs = await runForRequest(request, [config]);
  if (outs instanceof Response) return outs;
  const out = outs[0] as (typeof outs)[number];
  const headers: Record<string, string> = {
    "content-type": "application/json; charset=utf-8",
    etag: out.etag,
    "x-sim-cache": out.cached ? "hit" : "miss",
  };
  if (cacheable) headers["cache-control"] = CACHE_CONTROL;
  const ifNoneMatch = request.headers.get("if-none-match");
  if (cacheable && ifNoneMatch?.split(",").some((tag) => tag.trim() === out.etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(out.json, { status: 200, headers });
}

async function get(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  if ([...params.keys()].length === 0) {
    return jsonError(
      400,
      "Give a config as query parameters, e.g. /api/simulate?model=mlp&depth=20&activation=sigmoid",
    );
  }
  const parsed = parseSimConfig(configFromSearchParams(params));
  if (!parsed.ok) return invalidConfig(parsed.errors);
  return respond(request, parsed.config, true);
}

async function post(request: Request): Promise<Response> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    return jsonError(415, "Send the config as JSON with content-type: application/json.");
  }
  const text = await readBodyText(request, MAX_BODY_BYTES);
  if (!text.ok) return text.response;
  const body = parseJsonText(text.value);
  if (!body.ok) return body.response;
  const parsed = parseSimConfig(body.value);
  if (!parsed.ok) return invalidConfig(parsed.errors);
  return respond(request, parsed.config, false);
}

export const GET = answeringOutages(get);
export const POST = answeringOutages(post);
