/**
 * Runs simulations for the app: validates, deduplicates concurrent identical requests, caches
 * results by canonical config (an LRU bounded in bytes) and computes off the request thread.
 * Results are deterministic for a config and engine version, so a cached result is as good as
 * a fresh one (only meta.elapsedMs, the first run's time, differs).
 */
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { ENGINE_VERSION, type SimConfig, type SimResult } from "@/lib/sim";
import type { SimPool } from "./pool";

export type SimulationOutput = {
  /** the result as JSON text, exactly the bytes the API serves */
  json: string;
  /** strong validator: a hash of those bytes */
  etag: string;
  cached: boolean;
};

export type SimService = {
  run(config: SimConfig): Promise<SimulationOutput>;
  /** parsed result, for server components */
  result(config: SimConfig): Promise<SimResult>;
  cacheKey(config: SimConfig): string;
  /** the cached output for a config, without computing */
  peek(config: SimConfig): SimulationOutput | undefined;
};

export const CACHE_MAX_BYTES = 64 * 1024 * 1024;

export function createSimService(pool: SimPool, maxBytes = CACHE_MAX_BYTES): SimService {
  const cache = new LRUCache<string, { json: string; etag: string }>({
    maxSize: maxBytes,
    sizeCalculation: (v) => v.json.length * 2 + 100,
  });
  const inFlight = new Map<string, Promise<{ json: string; etag: string }>>();

  const cacheKey = (config: SimConfig) => `${ENGINE_VERSION}\n${JSON.stringify(config)}`;

  async function run(config: SimConfig): Promise<SimulationOutput> {
    const key = cacheKey(config);
    const hit = cache.get(key);
    if (hit) return { ...hit, cached: true };
    let pending = inFlight.get(key);
    if (!pending) {
      pending = pool
        .run(config)
        .then((json) => {
          const entry = { json, etag: `"${createHash("sha256").update(json).digest("base64url").slice(0, 32)}"` };
          cache.set(key, entry);
          return entry;
        })
        .finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return { ...(await pending), cached: false };
  }

  return {
    run,
    cacheKey,
    peek: (config) => {
      const hit = cache.get(cacheKey(config));
      return hit ? { ...hit, cached: true } : undefined;
    },
    result: async (config) => JSON.parse((await run(config)).json) as SimResult,
  };
}
