/**
 * JSON in and out of route handlers: error responses with a message a person understands (and
 * the problems behind it when useful), and request bodies validated with a zod schema.
 */
import type { z } from "zod";

/** One thing wrong with a request: where (a dotted path, "" for the whole) and what. */
export type Problem = { path: string; message: string };

export function problemsOf(issues: readonly z.core.$ZodIssue[]): Problem[] {
  return issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

export function jsonError(status: number, message: string, problems?: readonly Problem[]): Response {
  return Response.json(problems ? { error: message, issues: problems } : { error: message }, { status });
}

/** Reads a JSON request body and validates it, or answers the 4xx response to send. */
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
    const issues = parsed.error.issues;
    return { ok: false, response: jsonError(400, issues[0]?.message ?? "Invalid body.", problemsOf(issues)) };
  }
  return { ok: true, data: parsed.data };
}
