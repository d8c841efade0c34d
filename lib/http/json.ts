/**
 * JSON out of route handlers: error responses with a message a person understands (and the
 * problems behind it when useful). Reading bodies: body.ts.
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
