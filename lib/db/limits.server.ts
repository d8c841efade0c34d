/**
 * Rate limits that every app server shares: fixed-window counters in the RateLimit table (the
 * one better-auth keeps its own limits in; our keys carry the "gradlab:" prefix, so they never
 * meet its keys). One atomic upsert per check — no read-then-write race between two servers — so
 * a limit holds however many instances answer. For limits on the work of one process (the
 * simulations), lib/http/rate-limit.ts counts in memory.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { Limit, Verdict } from "@/lib/http/rate-limit";
import { prisma } from "./client.server";

/** Counts one more request against `key`'s window; refused when the window already holds `max`. */
export async function takeSharedLimit(key: string, limit: Limit, now: number = Date.now()): Promise<Verdict> {
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
