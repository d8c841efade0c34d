/**
 * A worker-thread pool that runs the engine (piscina): up to `threads` workers, started on demand
 * (idle ones exit after a minute), a bounded queue, and a deadline per run — a run past it is
 * dropped from the queue, or its worker is terminated if it already started.
 *
 * `nice` is the nice value the pool's threads run at (Linux gives each thread its own; worker.ts
 * sets it by thread id, only ever lowering): with 19, strangers' simulations get only the CPU that
 * the request thread and the question bank's own lane leave over (ADR 41).
 */
import path from "node:path";
import Piscina from "piscina";
import type { SimConfig } from "@/lib/sim";
import type { WorkerOptions } from "./worker";

export const WORKER_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), ".sim-worker", "worker.mjs");

export type SimPool = {
  run(config: SimConfig, signal: AbortSignal): Promise<string>;
  /** runs waiting for a thread */
  readonly queued: number;
  readonly maxQueue: number;
  /** the kernel id of one of its threads (Linux; undefined elsewhere), started if none is: diagnostics and tests */
  threadId(): Promise<number | undefined>;
  destroy(): Promise<void>;
};

export function createSimPool(opts: { threads: number; maxQueue: number; nice: number }): SimPool {
  const workerData: WorkerOptions = { nice: opts.nice };
  const pool = new Piscina<SimConfig, string>({
    filename: WORKER_FILE,
    minThreads: 0,
    maxThreads: opts.threads,
    maxQueue: opts.maxQueue,
    idleTimeout: 60_000,
    workerData,
  });
  return {
    run: (config, signal) => pool.run(config, { signal }),
    get queued() {
      return pool.queueSize;
    },
    maxQueue: opts.maxQueue,
    threadId: () =>
      pool.run(undefined as unknown as SimConfig, { name: "threadId" }) as unknown as Promise<number | undefined>,
    destroy: () => pool.destroy(),
  };
}
