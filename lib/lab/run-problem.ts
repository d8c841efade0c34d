/**
 * Why a lab run produced no result, as data the lab words in the learner's language (LabApp's
 * status line, messages lab.refused.* and lab.runProblem.*), never the server's or the engine's
 * English text. The server's answer is read by its status, its Retry-After and the `reason` a
 * refusal names (app/api/simulate/refusal.ts); a 400 carries the engine's problems, which the lab
 * words field by field (field-errors.ts).
 */
import { isRefusalReason, type RefusalReason } from "@/lib/http/refusal-reasons";

export type RunProblem =
  /** the public lane said no (429/503 with a reason): when to come back */
  | { kind: "refused"; reason: RefusalReason; seconds: number }
  /** a 503 without a reason: the server is briefly down (e.g. its database) */
  | { kind: "unavailable"; seconds: number }
  /** the server's engine refused the config (400): its problems, path and English message */
  | { kind: "invalid"; issues: { path: string; message: string }[] }
  /** no answer at all: the connection failed */
  | { kind: "offline" }
  /** the engine in the browser threw (a bug of ours: the config had passed the same schema) */
  | { kind: "engine" }
  /** any other status */
  | { kind: "server"; status: number };

/** Thrown by a lane's server fetch with what went wrong (the runner turns it into a failed run). */
export class RunProblemError extends Error {
  constructor(readonly problem: RunProblem) {
    super(`lab run failed: ${problem.kind}`);
    this.name = "RunProblemError";
  }
}

/** Seconds to wait when a refusal names none (or an unreadable one). */
const DEFAULT_RETRY_S = 5;

function seconds(retryAfter: string | null): number {
  const n = Number(retryAfter);
  return Number.isFinite(n) && n > 0 ? Math.ceil(n) : DEFAULT_RETRY_S;
}

function issuesOf(body: unknown): { path: string; message: string }[] {
  const issues = (body as { issues?: unknown } | null)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((i: unknown) => {
    const { path, message } = (i ?? {}) as { path?: unknown; message?: unknown };
    return typeof path === "string" && typeof message === "string" ? [{ path, message }] : [];
  });
}

/** What a failed answer of GET /api/simulate means (status not 2xx). */
export function problemOfResponse(status: number, retryAfter: string | null, text: string): RunProblem {
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (a proxy's error page): the status alone says what happened
  }
  const reason = (body as { reason?: unknown } | null)?.reason;
  if ((status === 429 || status === 503) && isRefusalReason(reason))
    return { kind: "refused", reason, seconds: seconds(retryAfter) };
  if (status === 503) return { kind: "unavailable", seconds: seconds(retryAfter) };
  if (status === 400) return { kind: "invalid", issues: issuesOf(body) };
  return { kind: "server", status };
}
