/**
 * The RateLimit table does not grow without end: rows no limit can still read (older than the
 * longest window or back-off memory) are deleted, now and then in the background of a check, and
 * every row a limit still needs is kept. On the run's database (SQLite, or PostgreSQL under
 * `npm run test:postgres`).
 */
import { afterAll, beforeEach, describe, expect, it } from "vitest";

const { prisma } = await import("@/lib/db/client.server");
const { collectRateLimits, RATE_LIMIT_RETENTION_MS, takeSharedLimit } = await import("@/lib/db/limits.server");
const { SIGN_IN_BACKOFF, SIGN_IN_LIMIT, SIGN_UP_LIMIT } = await import("@/lib/accounts/auth.server");
const { GUEST_CREATION_LIMIT } = await import("@/lib/db/users.server");
const { IMPORT_LIMIT } = await import("@/lib/progress/export-format");

afterAll(() => prisma.$disconnect());

const HOUR = 60 * 60 * 1000;
const now = Date.now();

async function row(key: string, lastRequest: number): Promise<void> {
  await prisma.rateLimit.create({ data: { key, count: 3, lastRequest: BigInt(lastRequest) } });
}
async function keys(): Promise<string[]> {
  return (await prisma.rateLimit.findMany({ orderBy: { key: "asc" } })).map((r) => r.key);
}

beforeEach(async () => {
  await prisma.rateLimit.deleteMany({});
  (globalThis as { __gradlabLimitsCollectedAt?: number }).__gradlabLimitsCollectedAt = undefined;
});

describe("RateLimit rows", () => {
  it("outlive every window and back-off memory kept in the table", () => {
    const longest = Math.max(
      SIGN_IN_BACKOFF.forgetAfterMs + SIGN_IN_BACKOFF.maxDelayMs,
      SIGN_IN_LIMIT.window * 1000,
      SIGN_UP_LIMIT.window * 1000,
      GUEST_CREATION_LIMIT.windowMs,
      IMPORT_LIMIT.windowMs,
    );
    expect(RATE_LIMIT_RETENTION_MS).toBeGreaterThan(longest);
  });

  it("older than the retention are deleted; recent ones and pending back-offs are kept", async () => {
    await row("127.0.0.1/sign-in/username", now - RATE_LIMIT_RETENTION_MS - HOUR); // better-auth's, stale
    await row("gradlab:signin:someone-long-gone", now - RATE_LIMIT_RETENTION_MS - 1); // a back-off, forgotten
    await row("gradlab:signin:locked-now", now + 10 * 60_000); // a back-off: next attempt allowed later
    await row("gradlab:import:user-1", now - 30 * 60_000); // inside its hour
    expect(await collectRateLimits(now)).toBe(2);
    expect(await keys()).toEqual(["gradlab:import:user-1", "gradlab:signin:locked-now"]);
    expect(await collectRateLimits(now)).toBe(0);
  });

  it("are collected by a limit check, at most once per interval per server", async () => {
    await row("gradlab:stale-1", now - RATE_LIMIT_RETENTION_MS - HOUR);
    const verdict = await takeSharedLimit("fresh", { max: 5, windowMs: 60_000 }, now);
    expect(verdict.ok).toBe(true);
    await expect.poll(keys).toEqual(["gradlab:fresh"]);

    // a second stale row right after is left for the next interval, not swept on every check
    await row("gradlab:stale-2", now - RATE_LIMIT_RETENTION_MS - HOUR);
    await takeSharedLimit("fresh", { max: 5, windowMs: 60_000 }, now + 1000);
    await new Promise((r) => setTimeout(r, 200));
    expect(await keys()).toEqual(["gradlab:fresh", "gradlab:stale-2"]);
  });
});
