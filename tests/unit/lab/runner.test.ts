/**
 * The lab's runner with a fake worker that runs the real engine when told to: where runs go (by
 * the cost model), that a newer knob cancels the run in flight (terminating an expensive worker
 * run, letting a cheap one finish unseen, aborting a server request), and the result cache.
 */
import { describe, expect, it, vi } from "vitest";
import { RunProblemError } from "@/lib/lab/run-problem";
import { BROWSER_FLOP_BUDGET, type EngineWorker, LabRunner, RESTART_FLOPS, type WorkerRequest } from "@/lib/lab/runner";
import { estimateFlops, parseSimConfig, type SimConfig, simulate } from "@/lib/sim";

function config(input: unknown): SimConfig {
  const p = parseSimConfig(input);
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.config;
}

/** A worker whose runs complete only when `step()` is called, running the real engine then. */
class FakeWorker implements EngineWorker {
  onmessage: EngineWorker["onmessage"] = null;
  onerror: EngineWorker["onerror"] = null;
  queue: WorkerRequest[] = [];
  terminated = false;
  postMessage(m: WorkerRequest) {
    this.queue.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  step() {
    const m = this.queue.shift();
    if (!m || this.terminated) return;
    this.onmessage?.({ data: { id: m.id, ok: true, json: JSON.stringify(simulate(m.config, { timing: false })) } });
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const server: {
    config: SimConfig;
    signal: AbortSignal;
    resolve: (json: string) => void;
    reject: (e: Error) => void;
  }[] = [];
  const runner = new LabRunner({
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    fetchServer: (c, signal) =>
      new Promise<string>((resolve, reject) => {
        server.push({ config: c, signal, resolve, reject });
        signal.addEventListener("abort", () => reject(new Error("aborted")));
      }),
  });
  return { runner, workers, server };
}

const small = config({ model: "mlp", depth: 4, width: 8, batch: 4 });
const small2 = config({ model: "mlp", depth: 5, width: 8, batch: 4 });
const expensive = config({ model: "mlp", depth: 40, width: 128, batch: 64 });
const huge = config({ model: "mlp", depth: 50, width: 256, batch: 64, train: { steps: 1 } });

describe("the lab's runner", () => {
  it("prices configs with the engine's cost model: small in the browser, large on the server", () => {
    const { runner } = setup();
    expect(estimateFlops(small)).toBeLessThan(RESTART_FLOPS);
    expect(estimateFlops(expensive)).toBeGreaterThan(RESTART_FLOPS);
    expect(estimateFlops(huge)).toBeGreaterThan(BROWSER_FLOP_BUDGET);
    expect(runner.whereFor(small)).toBe("browser");
    expect(runner.whereFor(huge)).toBe("server");
  });

  it("runs a small config in the worker: the engine's bytes, no server request", async () => {
    const { runner, workers, server } = setup();
    const done = runner.run("a", small);
    workers[0]?.step();
    const out = await done;
    expect(out).toEqual({ status: "done", where: "browser", json: JSON.stringify(simulate(small, { timing: false })) });
    expect(server).toHaveLength(0);
  });

  it("a newer knob cancels an expensive run by terminating its worker; the next run gets a fresh worker", async () => {
    const { runner, workers } = setup();
    const stale = runner.run("a", expensive);
    const fresh = runner.run("a", small);
    expect(await stale).toEqual({ status: "cancelled" });
    expect(workers[0]?.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    workers[1]?.step();
    expect((await fresh).status).toBe("done");
    expect(runner.stats).toMatchObject({ cancelled: 1, restarts: 1, browser: 1 });
  });

  it("an error reported late by a terminated worker leaves its replacement and later runs in the browser", async () => {
    const { runner, workers, server } = setup();
    const stale = runner.run("a", expensive);
    const fresh = runner.run("a", small);
    expect(await stale).toEqual({ status: "cancelled" });
    workers[0]?.onerror?.(new Event("error")); // the old worker, after terminate()
    expect(server).toHaveLength(0);
    workers[1]?.step();
    expect(await fresh).toMatchObject({ status: "done", where: "browser" });
    const next = runner.run("a", small2);
    expect(workers).toHaveLength(2);
    workers[1]?.step();
    expect(await next).toMatchObject({ status: "done", where: "browser" });
    expect(server).toHaveLength(0);
  });

  it("a cheap stale run is left to finish unseen (no restart) and its result is cached", async () => {
    const { runner, workers } = setup();
    const stale = runner.run("a", small);
    const fresh = runner.run("a", small2);
    expect(await stale).toEqual({ status: "cancelled" });
    expect(workers).toHaveLength(1);
    expect(workers[0]?.terminated).toBe(false);
    workers[0]?.step(); // the stale one
    workers[0]?.step(); // the fresh one
    const out = await fresh;
    expect(out.status === "done" && JSON.parse(out.json).meta.config.depth).toBe(5);
    // going back to the first config is answered from the cache, without the worker
    const back = await runner.run("a", small);
    expect(back.status === "done" && JSON.parse(back.json).meta.config.depth).toBe(4);
    expect(workers[0]?.queue).toHaveLength(0);
    expect(runner.stats.cacheHits).toBe(1);
  });

  it("the same config twice shares one run; lanes are independent", async () => {
    const { runner, workers } = setup();
    const one = runner.run("a", small);
    const two = runner.run("a", small);
    const other = runner.run("b", small2);
    expect(workers).toHaveLength(2);
    workers[0]?.step();
    workers[1]?.step();
    expect(await one).toBe(await two);
    expect((await other).status).toBe("done");
  });

  it("a large config goes to the server; a newer knob aborts that request", async () => {
    const { runner, workers, server } = setup();
    const stale = runner.run("a", huge);
    expect(server).toHaveLength(1);
    expect(workers).toHaveLength(0);
    const fresh = runner.run("a", small);
    expect(server[0]?.signal.aborted).toBe(true);
    expect(await stale).toEqual({ status: "cancelled" });
    workers[0]?.step();
    expect((await fresh).status).toBe("done");
  });

  it("without workers, or when a worker fails to load, runs go to the server", async () => {
    const server: string[] = [];
    const none = new LabRunner({
      createWorker: () => null,
      fetchServer: async (c) => {
        server.push(c.model);
        return "{}";
      },
    });
    expect(await none.run("a", small)).toEqual({ status: "done", json: "{}", where: "server" });
    expect(server).toEqual(["mlp"]);
    const { runner, workers, server: calls } = setup();
    const pending = runner.run("a", small);
    workers[0]?.onerror?.(new Event("error"));
    expect(calls).toHaveLength(1);
    calls[0]?.resolve('{"from":"server"}');
    expect(await pending).toEqual({ status: "done", json: '{"from":"server"}', where: "server" });
    runner.run("a", small2);
    expect(workers).toHaveLength(1); // no new worker after a failed load
    expect(calls).toHaveLength(2);
  });

  it("a server refusal is reported as data the lab words, not thrown; no answer at all is 'offline'", async () => {
    const refused = { kind: "refused", reason: "clientBusy", seconds: 2 } as const;
    const refusing = new LabRunner({
      createWorker: () => null,
      fetchServer: async () => Promise.reject(new RunProblemError(refused)),
    });
    expect(await refusing.run("a", small)).toEqual({ status: "failed", problem: refused });
    const offline = new LabRunner({
      createWorker: () => null,
      fetchServer: async () => Promise.reject(new TypeError("Failed to fetch")),
    });
    expect(await offline.run("a", small)).toEqual({ status: "failed", problem: { kind: "offline" } });
  });

  it("an engine error in the worker is a failed run (its English message goes to the console only)", async () => {
    const { runner, workers } = setup();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const pending = runner.run("a", small);
    const m = workers[0]?.queue.shift();
    workers[0]?.onmessage?.({ data: { id: m?.id ?? 0, ok: false, message: "matrix is not finite" } });
    expect(await pending).toEqual({ status: "failed", problem: { kind: "engine" } });
    expect(logged).toHaveBeenCalledWith(expect.any(String), "matrix is not finite");
    logged.mockRestore();
  });
});
