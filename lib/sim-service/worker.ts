/**
 * The simulation worker: runs in a worker thread (piscina) so a heavy run never blocks the
 * server's event loop. Bundled by scripts/build-sim-worker.mjs into .sim-worker/worker.mjs.
 * Returns the result as JSON text: the bytes are what the API serves and caches.
 */
import { type SimConfig, simulate } from "@/lib/sim";

export default function run(config: SimConfig): string {
  return JSON.stringify(simulate(config));
}
