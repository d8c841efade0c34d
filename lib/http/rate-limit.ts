/**
 * Fixed-window counters per key (a client address, an account): at most `max` in `windowMs`,
 * then "wait this long". Kept in memory, in an LRU bounded by key count, so a flood of new keys
 * costs a bounded amount of memory (the oldest windows are forgotten first — a forgotten key
 * starts afresh, which errs on the side of the stranger, never of the flood). For limits on the
 * work of this process (simulations); limits that several app servers must share live in the
 * database.
 */
import { LRUCache } from "lru-cache";

export type Limit = { max: number; windowMs: number };
export type Verdict = { ok: true; remaining: number } | { ok: false; retryAfterS: number };

export type RateLimiter = {
  /** Counts `cost` (default 1) against the key's window if it fits; answers whether it did. */
  take(key: string, cost?: number, now?: number): Verdict;
};

export function memoryRateLimiter(limit: Limit, maxKeys = 50_000): RateLimiter {
  const windows = new LRUCache<string, { used: number; resetAt: number }>({ max: maxKeys });
  return {
    take(key, cost = 1, now = Date.now()) {
      let w = windows.get(key);
      if (!w || w.resetAt <= now) {
        w = { used: 0, resetAt: now + limit.windowMs };
        windows.set(key, w);
      }
      if (w.used + cost > limit.max)
        return { ok: false, retryAfterS: Math.max(1, Math.ceil((w.resetAt - now) / 1000)) };
      w.used += cost;
      return { ok: true, remaining: limit.max - w.used };
    },
  };
}

/**
 * Back-off: the first `free` attempts in a row pass at once; after them each attempt must wait
 * `firstDelayMs`, doubling per attempt up to `maxDelayMs`, since the previous one. A key left
 * alone for `forgetAfterMs` starts afresh (and whoever owns the key may reset it: a success).
 */
export type Backoff = { free: number; firstDelayMs: number; maxDelayMs: number; forgetAfterMs: number };

/** How long after the last of `attempts` attempts the next one may be made. */
export function backoffDelayMs(attempts: number, policy: Backoff): number {
  if (attempts < policy.free) return 0;
  const doublings = attempts - policy.free;
  // 2^doublings overflows nothing below the cap: stop doubling once it is reached
  return doublings >= Math.log2(policy.maxDelayMs / policy.firstDelayMs)
    ? policy.maxDelayMs
    : Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** doublings);
}
