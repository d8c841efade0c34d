import { describe, expect, it } from "vitest";
import { backoffDelayMs, memoryRateLimiter } from "@/lib/http/rate-limit";

describe("fixed-window rate limits (lib/http/rate-limit.ts)", () => {
  it("allows max per window per key, says when to come back, and starts afresh", () => {
    const limiter = memoryRateLimiter({ max: 3, windowMs: 10_000 });
    expect([1, 2, 3].map(() => limiter.take("a", 1, 0).ok)).toEqual([true, true, true]);
    expect(limiter.take("a", 1, 2_500)).toEqual({ ok: false, retryAfterS: 8 });
    expect(limiter.take("b", 1, 2_500).ok).toBe(true); // another key
    expect(limiter.take("a", 1, 10_000).ok).toBe(true); // a new window
  });

  it("counts a cost, and refuses a cost that does not fit without spending it", () => {
    const limiter = memoryRateLimiter({ max: 10, windowMs: 1000 });
    expect(limiter.take("a", 7, 0)).toEqual({ ok: true, remaining: 3 });
    expect(limiter.take("a", 4, 0).ok).toBe(false);
    expect(limiter.take("a", 3, 0)).toEqual({ ok: true, remaining: 0 });
  });

  it("keeps a bounded number of keys", () => {
    const limiter = memoryRateLimiter({ max: 1, windowMs: 60_000 }, 100);
    for (let i = 0; i < 1000; i++) limiter.take(`k${i}`, 1, 0);
    // the oldest keys were forgotten (they start afresh), the newest are still counted
    expect(limiter.take("k0", 1, 0).ok).toBe(true);
    expect(limiter.take("k999", 1, 0).ok).toBe(false);
  });
});

describe("back-off delays (lib/http/rate-limit.ts)", () => {
  const policy = { free: 3, firstDelayMs: 1000, maxDelayMs: 10_000, forgetAfterMs: 60_000 };

  it("lets the free attempts pass, then doubles the wait up to the cap and stays there", () => {
    const waits = Array.from({ length: 9 }, (_, attempts) => backoffDelayMs(attempts, policy));
    expect(waits).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it("never overflows for a count far past the cap", () => {
    expect(backoffDelayMs(1e6, policy)).toBe(10_000);
    expect(backoffDelayMs(Number.MAX_SAFE_INTEGER, policy)).toBe(10_000);
  });
});
