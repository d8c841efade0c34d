/** JSON error responses with a message a person understands, and the zod issues when useful. */
import type { z } from "zod";

export function jsonError(status: number, message: string, issues?: z.core.$ZodIssue[]): Response {
  const body: { error: string; issues?: { path: string; message: string }[] } = { error: message };
  if (issues) body.issues = issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  return Response.json(body, { status });
}
