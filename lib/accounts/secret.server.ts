/**
 * The secret better-auth signs its session cookies with.
 *
 * - BETTER_AUTH_SECRET when set (lib/env.ts refuses one under 32 characters, and the public
 *   development default in production).
 * - Otherwise, outside production, that development default (so dev and tests need no setup).
 * - Otherwise (production without the variable, e.g. `npm start` on a fresh machine), a random
 *   secret generated once into data/auth-secret (gitignored, mode 0600) and reused from then on,
 *   so sessions survive restarts.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { AUTH_SECRET_MIN_LENGTH, DEV_AUTH_SECRET, env, parseEnv } from "@/lib/env";

export { DEV_AUTH_SECRET };

export type SecretSource = "env" | "dev-default" | "file";

/** `vars` are environment variables (the app's, validated, by default; tests pass their own). */
export function resolveAuthSecret(
  vars: Record<string, string | number | undefined> = {
    NODE_ENV: env.NODE_ENV,
    BETTER_AUTH_SECRET: env.BETTER_AUTH_SECRET,
  },
  secretFile: string = path.join(/*turbopackIgnore: true*/ process.cwd(), "data", "auth-secret"),
): { secret: string; source: SecretSource } {
  const { BETTER_AUTH_SECRET: fromEnv, NODE_ENV } = parseEnv(vars);
  if (fromEnv) return { secret: fromEnv, source: "env" };
  if (NODE_ENV !== "production") return { secret: DEV_AUTH_SECRET, source: "dev-default" };
  if (existsSync(secretFile)) {
    const stored = readFileSync(secretFile, "utf8").trim();
    if (stored.length >= AUTH_SECRET_MIN_LENGTH) return { secret: stored, source: "file" };
  }
  mkdirSync(path.dirname(secretFile), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    // "wx": never overwrite a secret another process wrote first.
    writeFileSync(secretFile, `${secret}\n`, { mode: 0o600, flag: "wx" });
    return { secret, source: "file" };
  } catch {
    const stored = readFileSync(secretFile, "utf8").trim();
    if (stored.length < AUTH_SECRET_MIN_LENGTH)
      throw new Error(`${secretFile} holds no usable secret; delete it to generate a new one`);
    return { secret: stored, source: "file" };
  }
}
