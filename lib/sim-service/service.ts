/**
 * Runs simulations for the app (callers pass configs the engine's schema made canonical): deduplicates
 * concurrent identical requests, caches results by canonical config (LRUs bounded in bytes) and
 * computes off the request thread — in one of two lanes (ADR 23):
 *
 * - "bank": the question bank's own scenarios and predictions. Its own pool, queue and cache, so
 *   a question page never waits behind a stranger's run, and strangers' results never evict it.
 * - "public": whatever a visitor asks for (the API, the CSV download, the lab). A bounded queue
 *   (full: refused, "busy"), at most `perClientInFlight` uncached runs per client at a time and a
 *   compute budget per client and minute (the cost model's estimate), and a deadline per run.
 *
 * A refusal is a SimRefusal with the seconds after which trying again makes sense; route handlers
 * answer it with 429 or 503 and Retry-After. Results are deterministic for a config and engine
 * version (the worker leaves wall time out of them), so a cached result is byte for byte a fresh
 * one, on every app server.
 */
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { type Limit, memoryRateLimiter } from "@/lib/http/rate-limit";
import { isRefusalReason, type RefusalReason } from "@/lib/http/refusal-reasons";
import { ENGINE_VERSION, estimateFlops, type SimConfig, type SimResult } from "@/lib/sim";
import type { SimPool } from "./pool";

export type SimulationOutput = {
  /** the result as JSON text, exactly the bytes the API serves */
  json: string;
  /** strong validator: a hash of those bytes */
  etag: string;
  cached: boolean;
};

export const LANES = ["bank", "public"] as const;
export type Lane = (typeof LANES)[number];

/** Who asks: the lane, and for the public lane the client's key (lib/http/request.ts clientKey). */
export type Requester = { lane: "bank" } | { lane: "public"; client: string };

export class SimRefusal extends Error {
  constructor(
    readonly reason: RefusalReason,
    readonly retryAfterS: number,
  ) {
    super(`simulation refused: ${reason}, retry after ${retryAfterS} s`);
    this.name = "SimRefusal";
  }
}

/**
 * Whether an error is a refusal. Not `instanceof`: Next.js bundles each route with its own copy
 * of this module, while the one service (on globalThis) throws the first copy's class.
 */
export function isSimRefusal(error: unknown): error is SimRefusal {
  return error instanceof Error && error.name === "SimRefusal" && isRefusalReason((error as SimRefusal).reason);
}

export type SimLimits = {
  /** uncached public runs one client may have queued or running at once */
  perClientInFlight: number;
  /** estimated flop-equivalents of uncached public runs per client and window */
  perClientBudget: Limit;
  /** how long a run may take, queue wait included, per lane */
  timeoutMs: Record<Lane, number>;
};

export type SimService = {
  run(config: SimConfig, who: Requester): Promise<SimulationOutput>;
  /**
   * One request's several configs (a lab page, its CSV): as one of the client's in-flight runs,
   * computed one after another, so a shared three-config link is not refused its third and the
   * bound on a client's concurrent runs is unchanged. Each run is still priced and timed alone.
   */
  runMany(configs: readonly SimConfig[], who: Requester): Promise<SimulationOutput[]>;
  /** parsed result, for server components */
  result(config: SimConfig, who: Requester): Promise<SimResult>;
  cacheKey(config: SimConfig): string;
  /** the cached output for a config, without computing */
  peek(config: SimConfig): SimulationOutput | undefined;
};

export const CACHE_MAX_BYTES: Record<Lane, number> = { bank: 32 * 1024 * 1024, public: 64 * 1024 * 1024 };

type Entry = { json: string; etag: string };

function laneCache(maxBytes: number): LRUCache<string, Entry> {
  return new LRUCache<string, Entry>({ maxSize: maxBytes, sizeCalculation: (v) => v.json.length * 2 + 100 });
}

export function createSimService(
  pools: Record<Lane, SimPool>,
  limits: SimLimits,
  cacheBytes: Record<Lane, number> = CACHE_MAX_BYTES,
): SimService {
  const caches = { bank: laneCache(cacheBytes.bank), public: laneCache(cacheBytes.public) };
  const inFlight = { bank: new Map<string, Promise<Entry>>(), public: new Map<string, Promise<Entry>>() };
  const clientRuns = new Map<string, number>();
  const budget = memoryRateLimiter(limits.perClientBudget);

  const cacheKey = (config: SimConfig) => `${ENGINE_VERSION}\n${JSON.stringify(config)}`;
  const cachedEntry = (key: string) => caches.bank.get(key) ?? caches.public.get(key);

  function compute(lane: Lane, key: string, config: SimConfig): Promise<Entry> {
    const pool = pools[lane];
    if (pool.queued >= pool.maxQueue) return Promise.reject(new SimRefusal("busy", 2));
    const pending = pool
      .run(config, AbortSignal.timeout(limits.timeoutMs[lane]))
      .then((json) => {
        const entry = { json, etag: `"${createHash("sha256").update(json).digest("base64url").slice(0, 32)}"` };
        caches[lane].set(key, entry);
        return entry;
      })
      .catch((error: unknown) => {
        if (error instanceof Error && error.name === "AbortError") throw new SimRefusal("timeout", 5);
        if (error instanceof Error && /queue is at limit/i.test(error.message)) throw new SimRefusal("busy", 2);
        throw error;
      })
      .finally(() => inFlight[lane].delete(key));
    inFlight[lane].set(key, pending);
    return pending;
  }

  /** Takes one of the client's in-flight slots, or refuses; the returned function gives it back. */
  function takeSlot(client: string): () => void {
    const running = clientRuns.get(client) ?? 0;
    if (running >= limits.perClientInFlight) throw new SimRefusal("clientBusy", 2);
    clientRuns.set(client, running + 1);
    return () => {
      const left = (clientRuns.get(client) ?? 1) - 1;
      if (left > 0) clientRuns.set(client, left);
      else clientRuns.delete(client);
    };
  }

  /** A public run inside a slot the client holds: the shared queue's room and the client's budget first. */
  function computeInSlot(client: string, key: string, config: SimConfig): Promise<Entry> {
    if (pools.public.queued >= pools.public.maxQueue) throw new SimRefusal("busy", 2);
    const spent = budget.take(client, estimateFlops(config));
    if (!spent.ok) throw new SimRefusal("clientQuota", spent.retryAfterS);
    return compute("public", key, config);
  }

  /**
   * The cached or in-flight entry for a config, if any. The bank never waits on a public run (it
   * may sit behind strangers); a public request may share either lane's computation, which costs
   * nobody anything.
   */
  function existing(key: string, who: Requester): { entry: Entry; cached: true } | Promise<Entry> | undefined {
    const hit = cachedEntry(key);
    if (hit) return { entry: hit, cached: true };
    return inFlight.bank.get(key) ?? (who.lane === "public" ? inFlight.public.get(key) : undefined);
  }

  async function run(config: SimConfig, who: Requester): Promise<SimulationOutput> {
    const key = cacheKey(config);
    const found = existing(key, who);
    if (found && "cached" in found) return { ...found.entry, cached: true };
    if (found) return { ...(await found), cached: false };
    if (who.lane === "bank") return { ...(await compute("bank", key, config)), cached: false };
    const release = takeSlot(who.client);
    try {
      return { ...(await computeInSlot(who.client, key, config)), cached: false };
    } finally {
      release();
    }
  }

  async function runMany(configs: readonly SimConfig[], who: Requester): Promise<SimulationOutput[]> {
    if (who.lane === "bank") return Promise.all(configs.map((c) => run(c, who)));
    const keys = configs.map(cacheKey);
    const outs: (SimulationOutput | undefined)[] = keys.map((k) => {
      const hit = cachedEntry(k);
      return hit ? { ...hit, cached: true } : undefined;
    });
    if (outs.every((o) => o !== undefined)) return outs as SimulationOutput[];
    const release = takeSlot(who.client);
    try {
      for (const [i, key] of keys.entries()) {
        if (outs[i]) continue;
        // re-checked at its turn: an earlier config, or another request, may have made it meanwhile
        const found = existing(key, who);
        if (found && "cached" in found) outs[i] = { ...found.entry, cached: true };
        else outs[i] = { ...(await (found ?? computeInSlot(who.client, key, configs[i] as SimConfig))), cached: false };
      }
      return outs as SimulationOutput[];
    } finally {
      release();
    }
  }

  return {
    run,
    runMany,
    cacheKey,
    peek: (config) => {
      const hit = cachedEntry(cacheKey(config));
      return hit ? { ...hit, cached: true } : undefined;
    },
    result: async (config, who) => JSON.parse((await run(config, who)).json) as SimResult,
  };
}
