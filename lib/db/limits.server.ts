/**
 * Rate limits that every app server shares: fixed-window counters and back-offs in the RateLimit
 * table (the one better-auth keeps its own limits in; our keys carry the "gradlab:" prefix, so
 * they never meet its keys). One atomic upsert per check — no read-then-write race between two
 * servers — so a limit holds however many instances answer. For limits on the work of one
 * process (the simulations), lib/http/rate-limit.ts counts in memory.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { type Backoff, backoffDelayMs, type Limit, type Verdict } from "@/lib/http/rate-limit";
import { prisma } from "./client.server";

/**
 * How long a RateLimit row matters after its last request: longer than every window and back-off
 * memory kept in the table (the longest, the sign-in back-off, forgets after a day; better-auth's
 * windows last a minute). Older rows count for nothing, so they are deleted — otherwise a visitor
 * trying random usernames would grow the table without end (one back-off row per name).
 */
export const RATE_LIMIT_RETENTION_MS = 25 * 60 * 60 * 1000;
/** Old rows are collected at most this often per app server, in the background of a check. */
const COLLECT_EVERY_MS = 10 * 60 * 1000;
const globalForLimits = globalThis as unknown as { __gradlabLimitsCollectedAt?: number };

/** Deletes the rows no limit can still read (older than RATE_LIMIT_RETENTION_MS); answers how many. */
export async function collectRateLimits(now: number = Date.now()): Promise<number> {
  const { count } = await prisma.rateLimit.deleteMany({
    where: { lastRequest: { lt: BigInt(now - RATE_LIMIT_RETENTION_MS) } },
  });
  return count;
}

function collectNowAndThen(now: number): void {
  if (now - (globalForLimits.__gradlabLimitsCollectedAt ?? 0) < COLLECT_EVERY_MS) return;
  globalForLimits.__gradlabLimitsCollectedAt = now;
  // the visitor does not wait for it, and a failure only delays the next one
  collectRateLimits(now).catch((error) => console.error("collecting rate-limit rows failed", error));
}

/** Counts one more request against `key`'s window; refused when the window already holds `max`. */
export async function takeSharedLimit(key: string, limit: Limit, now: number = Date.now()): Promise<Verdict> {
  collectNowAndThen(now);
  const stored = `gradlab:${key}`;
  const expired = now - limit.windowMs;
  // "lastRequest" holds the window's start for our keys.
  const [row] = await prisma.$queryRaw<{ count: number | bigint; lastRequest: number | bigint }[]>`
    INSERT INTO "RateLimit" ("id", "key", "count", "lastRequest") VALUES (${randomUUID()}, ${stored}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."lastRequest" <= ${expired} THEN 1 ELSE "RateLimit"."count" + 1 END,
      "lastRequest" = CASE WHEN "RateLimit"."lastRequest" <= ${expired} THEN ${now} ELSE "RateLimit"."lastRequest" END
    RETURNING "count", "lastRequest"`;
  const count = Number(row?.count ?? 1);
  if (count <= limit.max) return { ok: true, remaining: limit.max - count };
  const resetAt = Number(row?.lastRequest ?? now) + limit.windowMs;
  return { ok: false, retryAfterS: Math.max(1, Math.ceil((resetAt - now) / 1000)) };
}

/** Doublings the back-off statement spells out; a policy must reach its cap within them. */
const BACKOFF_STEPS = 8;

/**
 * Counts one more attempt against `key`'s back-off (lib/http/rate-limit.ts); refused, and not
 * counted, while the wait the previous attempts earned is not over — so hammering a locked key
 * never lengthens its lock. For back-off keys "lastRequest" holds the time the next attempt is
 * allowed; an admitted attempt writes our fresh id into the row, which is how the one statement
 * tells us whether it admitted us.
 */
export async function takeSharedBackoff(key: string, policy: Backoff, now: number = Date.now()): Promise<Verdict> {
  if (backoffDelayMs(policy.free + BACKOFF_STEPS, policy) !== policy.maxDelayMs)
    throw new Error(`A back-off must reach its cap within ${BACKOFF_STEPS} doublings.`);
  collectNowAndThen(now);
  const stored = `gradlab:${key}`;
  const id = randomUUID();
  const forgotten = now - policy.forgetAfterMs;
  const d = (attempts: number) => backoffDelayMs(attempts, policy);
  const f = policy.free;
  const [row] = await prisma.$queryRaw<{ id: string; count: number | bigint; lastRequest: number | bigint }[]>`
    INSERT INTO "RateLimit" ("id", "key", "count", "lastRequest") VALUES (${id}, ${stored}, 1, ${now + d(1)})
    ON CONFLICT ("key") DO UPDATE SET
      "id" = CASE WHEN "RateLimit"."lastRequest" <= ${now} THEN ${id} ELSE "RateLimit"."id" END,
      "count" = CASE WHEN "RateLimit"."lastRequest" <= ${forgotten} THEN 1
        WHEN "RateLimit"."lastRequest" <= ${now} THEN "RateLimit"."count" + 1 ELSE "RateLimit"."count" END,
      "lastRequest" = CASE WHEN "RateLimit"."lastRequest" <= ${forgotten} THEN CAST(${now + d(1)} AS BIGINT)
        WHEN "RateLimit"."lastRequest" <= ${now} THEN CAST(${now} AS BIGINT) + CASE
          WHEN "RateLimit"."count" + 1 < ${f} THEN CAST(0 AS BIGINT)
          WHEN "RateLimit"."count" + 1 < ${f + 1} THEN CAST(${d(f)} AS BIGINT)
          WHEN "RateLimit"."count" + 1 < ${f + 2} THEN CAST(${d(f + 1)} AS BIGINT)
          WHEN "RateLimit"."count" + 1 < ${f + 3} THEN CAST(${d(f + 2)} AS BIGINT)
          WHEN "RateLimit"."count" + 1 < ${f + 4} THEN CAST(${d(f + 3)} AS BIGINT)
          WHEN "RateLimit"."count" + 1 < ${f + 5} THEN CAST(${d(f + 4)} AS BIGINT)
          WHEN "RateLimit"."count" + 1 < ${f + 6} THEN CAST(${d(f + 5)} AS BIGINT)
          WHEN "RateLimit"."count" + 1 < ${f + 7} THEN CAST(${d(f + 6)} AS BIGINT)
          WHEN "RateLimit"."count" + 1 < ${f + 8} THEN CAST(${d(f + 7)} AS BIGINT)
          ELSE CAST(${d(f + BACKOFF_STEPS)} AS BIGINT) END
        ELSE "RateLimit"."lastRequest" END
    RETURNING "id", "count", "lastRequest"`;
  const count = Number(row?.count ?? 1);
  if (row?.id === id) return { ok: true, remaining: Math.max(0, policy.free - count) };
  return { ok: false, retryAfterS: Math.max(1, Math.ceil((Number(row?.lastRequest ?? now) - now) / 1000)) };
}

/** Forgets `key`'s back-off (its owner proved who they are). */
export async function resetSharedBackoff(key: string): Promise<void> {
  await prisma.rateLimit.deleteMany({ where: { key: `gradlab:${key}` } });
}
