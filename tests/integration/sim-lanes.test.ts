/**
 * The simulation service's two lanes and the public lane's limits (lib/sim-service, ADR 23), on
 * real worker pools running the bundled engine. Assertions are about order and outcome, never
 * about how long anything took.
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { estimateFlops, parseSimConfig, type SimConfig } from "@/lib/sim";
import { createSimPool, type SimPool } from "@/lib/sim-service/pool";
import { createSimService, type SimLimits, SimRefusal } from "@/lib/sim-service/service";

function config(raw: Record<string, unknown>): SimConfig {
  const parsed = parseSimConfig(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.config;
}
/** A run that keeps a thread busy for a good while (a few hundred ms here), distinct per seed. */
const heavy = (seed: number) => config({ model: "mlp", depth: 50, width: 256, batch: 64, activation: "tanh", seed });
const small = (seed: number) => config({ model: "mlp", depth: 6, width: 8, batch: 4, seed });

const pools: SimPool[] = [];
function pool(threads: number, maxQueue: number, nice = 0): SimPool {
  const p = createSimPool({ threads, maxQueue, nice });
  pools.push(p);
  return p;
}
afterAll(() => Promise.all(pools.map((p) => p.destroy())));

const relaxed: SimLimits = {
  perClientInFlight: 100,
  perClientBudget: { max: 1e15, windowMs: 60_000 },
  timeoutMs: { bank: 60_000, public: 60_000 },
};

async function refusalOf(p: Promise<unknown>): Promise<SimRefusal> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SimRefusal) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("two lanes", () => {
  it("a question bank run finishes while strangers' heavy runs still occupy the public lane", async () => {
    const service = createSimService({ bank: pool(1, 64), public: pool(1, 8) }, relaxed);
    let publicDone = 0;
    const flood = [1, 2, 3, 4].map((seed) =>
      service.run(heavy(seed), { lane: "public", client: `c${seed}` }).then(() => publicDone++),
    );
    const bank = await service.run(small(1), { lane: "bank" });
    expect(bank.cached).toBe(false);
    expect(publicDone).toBeLessThan(4); // the bank did not queue behind them
    await Promise.all(flood);
  }, 120_000);

  it("a public request shares the bank's result, and strangers' results never evict the bank's", async () => {
    const service = createSimService({ bank: pool(1, 64), public: pool(1, 64) }, relaxed, {
      bank: 1024 * 1024,
      public: 20_000, // a few small results at most
    });
    const banked = await service.run(small(2), { lane: "bank" });
    for (let seed = 100; seed < 130; seed++) await service.run(small(seed), { lane: "public", client: "c" });
    const again = await service.run(small(2), { lane: "public", client: "someone" });
    expect(again).toMatchObject({ cached: true, etag: banked.etag });
    expect(service.peek(small(100))).toBeUndefined(); // the public cache did evict its own
  }, 120_000);
});

describe("several app servers", () => {
  it("each server's own cache and workers answer the same config with the same bytes and the same ETag", async () => {
    // two services as two app servers hold them (ADR 19): nothing shared but the engine's code
    const first = createSimService({ bank: pool(1, 8), public: pool(1, 8) }, relaxed);
    const second = createSimService({ bank: pool(1, 8), public: pool(1, 8) }, relaxed);
    const a = await first.run(small(7), { lane: "public", client: "a" });
    const b = await second.run(small(7), { lane: "bank" });
    expect(a.cached).toBe(false);
    expect(b.cached).toBe(false);
    expect(b.json).toBe(a.json);
    expect(b.etag).toBe(a.etag);
    expect(a.etag).not.toBe((await first.run(small(8), { lane: "bank" })).etag);
  }, 120_000);
});

describe("the public lane's limits", () => {
  it("says busy (retry in a moment) when its queue is full, instead of queueing without end", async () => {
    const service = createSimService({ bank: pool(1, 8), public: pool(1, 1) }, relaxed);
    const running = service.run(heavy(11), { lane: "public", client: "a" });
    const queued = service.run(heavy(12), { lane: "public", client: "b" });
    await new Promise((r) => setTimeout(r, 50)); // let the first start
    const refused = await refusalOf(service.run(heavy(13), { lane: "public", client: "c" }));
    expect(refused).toMatchObject({ reason: "busy" });
    expect(refused.retryAfterS).toBeGreaterThan(0);
    await Promise.all([running, queued]);
  }, 120_000);

  it("runs at most perClientInFlight uncached runs per client; other clients are not held up", async () => {
    const service = createSimService({ bank: pool(1, 8), public: pool(2, 16) }, { ...relaxed, perClientInFlight: 2 });
    const mine = [21, 22].map((s) => service.run(heavy(s), { lane: "public", client: "me" }));
    expect(await refusalOf(service.run(heavy(23), { lane: "public", client: "me" }))).toMatchObject({
      reason: "clientBusy",
    });
    // the same config as one already in flight is shared, not a new run
    await expect(service.run(heavy(21), { lane: "public", client: "me" })).resolves.toBeDefined();
    await expect(service.run(small(24), { lane: "public", client: "someone else" })).resolves.toBeDefined();
    await Promise.all(mine);
    await expect(service.run(heavy(23), { lane: "public", client: "me" })).resolves.toBeDefined();
  }, 120_000);

  it("a request's several configs (a shared lab link) are one of the client's runs: all answered, at most perClientInFlight running", async () => {
    // a pool with room for all three at once, which counts how many of them it runs at a time
    const threads = pool(3, 16);
    let running = 0;
    let most = 0;
    const counted: SimPool = {
      run: async (c, signal) => {
        most = Math.max(most, ++running);
        try {
          return await threads.run(c, signal);
        } finally {
          running--;
        }
      },
      get queued() {
        return threads.queued;
      },
      maxQueue: threads.maxQueue,
      threadId: () => threads.threadId(),
      destroy: () => threads.destroy(),
    };
    const service = createSimService({ bank: pool(1, 8), public: counted }, { ...relaxed, perClientInFlight: 2 });
    const page = service.runMany([heavy(51), heavy(52), heavy(53)], { lane: "public", client: "me" });
    const other = service.run(heavy(54), { lane: "public", client: "me" });
    // the page holds one slot and the API call the other: a third is still refused
    expect(await refusalOf(service.run(heavy(55), { lane: "public", client: "me" }))).toMatchObject({
      reason: "clientBusy",
    });
    const outs = await page;
    expect(outs.map((o) => JSON.parse(o.json).meta.config.seed)).toEqual([51, 52, 53]);
    expect(outs.every((o) => !o.cached)).toBe(true);
    await other;
    // one after another: the page's three and the API call never had more than two runs going
    expect(most).toBe(2);
    // the same page again is answered from the cache without taking a slot
    const again = await service.runMany([heavy(51), heavy(52), heavy(53)], { lane: "public", client: "me" });
    expect(again.every((o) => o.cached)).toBe(true);
  }, 120_000);

  it("spends a client's compute budget by the cost model and says when it refills; cached results are free", async () => {
    const cost = estimateFlops(small(31));
    const service = createSimService(
      { bank: pool(1, 8), public: pool(1, 16) },
      { ...relaxed, perClientBudget: { max: 2.5 * cost, windowMs: 60_000 } },
    );
    await service.run(small(31), { lane: "public", client: "me" });
    await service.run(small(32), { lane: "public", client: "me" });
    const refused = await refusalOf(service.run(small(33), { lane: "public", client: "me" }));
    expect(refused.reason).toBe("clientQuota");
    expect(refused.retryAfterS).toBeGreaterThan(0);
    expect(refused.retryAfterS).toBeLessThanOrEqual(60);
    await expect(service.run(small(31), { lane: "public", client: "me" })).resolves.toMatchObject({ cached: true });
    await expect(service.run(small(33), { lane: "public", client: "you" })).resolves.toMatchObject({ cached: false });
  }, 120_000);

  it("stops a run past its deadline (the worker is ended), and the lane keeps working", async () => {
    const service = createSimService(
      { bank: pool(1, 8), public: pool(1, 8) },
      { ...relaxed, timeoutMs: { bank: 60_000, public: 30 } },
    );
    expect(await refusalOf(service.run(heavy(41), { lane: "public", client: "a" }))).toMatchObject({
      reason: "timeout",
    });
    expect(service.peek(heavy(41))).toBeUndefined();
    const fast = createSimService({ bank: pool(1, 8), public: pool(1, 8) }, relaxed);
    await expect(fast.run(small(42), { lane: "public", client: "a" })).resolves.toBeDefined();
  }, 120_000);
});

describe("priority", () => {
  // /proc/self/task/<tid>/stat: field 19 is that thread's own nice value
  const niceOf = (tid: number) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
  };

  it.runIf(process.platform === "linux")(
    "a public-lane worker thread runs at nice 19, while the bank's thread and the request thread keep the process's",
    async () => {
      const own = niceOf(process.pid); // 0, or more when the tests run under `nice`
      const publicPool = pool(1, 8, 19);
      const bankPool = pool(1, 8, 0);
      const service = createSimService({ bank: bankPool, public: publicPool }, relaxed);
      await service.run(small(51), { lane: "public", client: "a" });
      await service.run(small(52), { lane: "bank" });
      const publicTid = await publicPool.threadId();
      const bankTid = await bankPool.threadId();
      expect(publicTid).toBeTypeOf("number");
      expect(bankTid).toBeTypeOf("number");
      expect(new Set([publicTid, bankTid, process.pid]).size).toBe(3);
      expect(niceOf(publicTid as number)).toBe(19);
      expect(niceOf(bankTid as number)).toBe(own);
      expect(niceOf(process.pid)).toBe(own);
    },
    60_000,
  );

  it.runIf(process.platform === "linux")(
    "a pool's nice is a floor: its threads go down to it, never above the process's own priority",
    async () => {
      const own = niceOf(process.pid);
      const tid = (await pool(1, 8, 5).threadId()) as number;
      expect(tid).not.toBe(process.pid);
      expect(niceOf(tid)).toBe(Math.max(own, 5)); // 5 from 0; under `nice` (10) it stays 10
    },
    60_000,
  );
});
