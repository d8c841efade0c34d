/**
 * The simulation worker: runs in a worker thread (piscina) so a heavy run never blocks the
 * server's event loop. Bundled by scripts/build-sim-worker.mjs into .sim-worker/worker.mjs.
 * Returns the result as JSON text: the bytes are what the API serves and caches.
 */
import { getPriority, setPriority } from "node:os";
import { workerData } from "node:worker_threads";
import { type SimConfig, simulate } from "@/lib/sim";

export type WorkerOptions = { nice: number };

// On Linux a thread's nice value is its own, so this lowers this worker alone (pool.ts). Elsewhere
// it would lower the whole server, so it is left alone there. An increment, as nice(1)'s: a server
// started under `nice` keeps its public lane below its own threads (19 is the lowest priority).
const { nice } = (workerData ?? { nice: 0 }) as WorkerOptions;
if (nice !== 0 && process.platform === "linux") setPriority(Math.min(19, getPriority() + nice));

/**
 * Without wall time in meta.elapsedMs (0): the bytes, and so the ETag, then depend on the config
 * and the engine version alone — every app server answers a config with the same bytes and ETag
 * (ADR 19), and a cached result is exactly a fresh one.
 */
export default function run(config: SimConfig): string {
  return JSON.stringify(simulate(config, { timing: false }));
}
