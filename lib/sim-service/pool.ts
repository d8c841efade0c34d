/**
 * The worker-thread pool that runs the engine: up to `threads` workers (SIM_WORKERS, whose default
 * lib/env.ts explains), started on demand; idle threads exit after a minute.
 */
import path from "node:path";
import Piscina from "piscina";
import type { SimConfig } from "@/lib/sim";

export const WORKER_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), ".sim-worker", "worker.mjs");

export type SimPool = { run(config: SimConfig): Promise<string>; destroy(): Promise<void> };

export function createSimPool(threads: number): SimPool {
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
