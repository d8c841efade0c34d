/**
 * The simulation worker: runs in a worker thread (piscina) so a heavy run never blocks the
 * server's event loop. Bundled by scripts/build-sim-worker.mjs into .sim-worker/worker.mjs.
 * Returns the result as JSON text: the bytes are what the API serves and caches.
 */
import { readlinkSync } from "node:fs";
import { getPriority, setPriority } from "node:os";
import { workerData } from "node:worker_threads";
import { type SimConfig, simulate } from "@/lib/sim";

/** `nice`: the nice value this pool's threads run at (19 is the lowest priority; 0 leaves them alone). */
export type WorkerOptions = { nice: number };

/**
 * This thread's id as the kernel knows it (Linux: /proc/thread-self → "<pid>/task/<tid>"), or
 * undefined where there is no such thing.
 */
function ownThreadId(): number | undefined {
  if (process.platform !== "linux") return undefined;
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * On Linux each thread has its own nice value: setting it by this thread's id lowers this worker
 * alone, never the thread that renders pages (ADR 41). Only ever lowered — a server started under
 * `nice` keeps its pool at least as low as itself. Where there is no thread id, or the kernel says
 * no, the thread keeps the process's priority: slower pages under a flood, nothing broken.
 */
function lowerOwnPriority(nice: number): void {
  const tid = ownThreadId();
  if (nice <= 0 || tid === undefined) return;
  try {
    const target = Math.min(19, nice);
    if (getPriority(tid) < target) setPriority(tid, target);
  } catch {
    // not permitted here (a sandbox): left as it is
  }
}

const { nice } = (workerData ?? { nice: 0 }) as WorkerOptions;
lowerOwnPriority(nice);

/**
 * Without wall time in meta.elapsedMs (0): the bytes, and so the ETag, then depend on the config
 * and the engine version alone — every app server answers a config with the same bytes and ETag
 * (ADR 19), and a cached result is exactly a fresh one.
 */
export default function run(config: SimConfig): string {
  return JSON.stringify(simulate(config, { timing: false }));
}

/** This worker thread's kernel id (a named task, pool.ts `threadId`): for diagnostics and tests. */
export function threadId(): number | undefined {
  return ownThreadId();
}
