/**
 * The worker-thread pool that runs the engine. At least two threads even on a 2-core machine, so
 * one heavy run never queues the next user's small one behind it; idle threads exit.
 */
import { availableParallelism } from "node:os";
import path from "node:path";
import Piscina from "piscina";
import type { SimConfig } from "../sim";

export const WORKER_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), ".sim-worker", "worker.mjs");

export type SimPool = { run(config: SimConfig): Promise<string>; destroy(): Promise<void> };

export function createSimPool(threads: number = Math.max(2, availableParallelism())): SimPool {
  const pool = new Piscina<SimConfig, string>({
    filename: WORKER_FILE,
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: 60_000,
  });
  return {
    run: (config) => pool.run(config),
    destroy: () => pool.destroy(),
  };
}
