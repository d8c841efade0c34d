/**
 * The secret better-auth signs its session cookies with.
 *
 * - BETTER_AUTH_SECRET when set (at least 32 characters, else refused).
 * - Otherwise, outside production, a fixed development secret (so dev and tests need no setup).
 * - Otherwise (production without the variable, e.g. `npm start` on a fresh machine), a random
 *   secret generated once into data/auth-secret (gitignored, mode 0600) and reused from then on,
 *   so sessions survive restarts. The development default is never used in production.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const DEV_AUTH_SECRET = "gradlab-development-secret-not-for-production-use-0001";
const MIN_LENGTH = 32;

export type SecretSource = "env" | "dev-default" | "file";

export function resolveAuthSecret(
  env: NodeJS.ProcessEnv = process.env,
  secretFile: string = path.join(/*turbopackIgnore: true*/ process.cwd(), "data", "auth-secret"),
): { secret: string; source: SecretSource } {
  const fromEnv = env.BETTER_AUTH_SECRET?.trim();
  if (fromEnv) {
    if (fromEnv.length < MIN_LENGTH) {
      throw new Error(
        `BETTER_AUTH_SECRET must be at least ${MIN_LENGTH} characters (generate one: openssl rand -base64 32)`,
      );
    }
    if (env.NODE_ENV === "production" && fromEnv === DEV_AUTH_SECRET) {
      throw new Error("BETTER_AUTH_SECRET is the public development default; set a secret of your own in production");
    }
    return { secret: fromEnv, source: "env" };
  }
  if (env.NODE_ENV !== "production") return { secret: DEV_AUTH_SECRET, source: "dev-default" };
  if (existsSync(secretFile)) {
    const stored = readFileSync(secretFile, "utf8").trim();
    if (stored.length >= MIN_LENGTH) return { secret: stored, source: "file" };
  }
  mkdirSync(path.dirname(secretFile), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    // "wx": never overwrite a secret another process wrote first.
    writeFileSync(secretFile, `${secret}\n`, { mode: 0o600, flag: "wx" });
    return { secret, source: "file" };
  } catch {
    const stored = readFileSync(secretFile, "utf8").trim();
    if (stored.length < MIN_LENGTH)
      throw new Error(`${secretFile} holds no usable secret; delete it to generate a new one`);
    return { secret: stored, source: "file" };
  }
}
