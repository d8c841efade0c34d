/** Reads a JSON request body and validates it, or answers the 4xx response to send. */
import type { z } from "zod";
import { jsonError } from "./http";

export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<{ ok: true; data: z.infer<S> } | { ok: false; response: Response }> {
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    return { ok: false, response: jsonError(415, "Send the body as JSON (Content-Type: application/json).") };
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return { ok: false, response: jsonError(400, "The body is not valid JSON.") };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    return {
      ok: false,
      response: jsonError(400, parsed.error.issues[0]?.message ?? "Invalid body.", parsed.error.issues),
    };
  }
  return { ok: true, data: parsed.data };
}
