/** Session tokens: random, sent to the browser as-is, stored only as a SHA-256 hash. */
import { createHash, randomBytes } from "node:crypto";

export const SESSION_COOKIE = "gradlab_session";
/** Browsers cap cookie lifetimes at 400 days. Accounts' sessions (better-auth) live this long. */
export const SESSION_MAX_AGE_S = 400 * 24 * 60 * 60;
/**
 * A guest's session: rolling — each visit that saves something pushes it out again (at most once
 * a day) — and short, so an abandoned guest expires and is collected (users.server.ts).
 */
export const GUEST_SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A well-formed token: 43 base64url characters. Anything else is not looked up at all. */
export function isWellFormedToken(token: string | undefined): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);
}
