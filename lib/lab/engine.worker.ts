/**
 * The engine in the learner's browser (a module Web Worker started by browser-runner.ts): one
 * config in, the result's JSON out, exactly as the server's worker (lib/sim-service/worker.ts)
 * makes it, so the lab draws the same bytes wherever a run happened.
 */
import { simulate } from "@/lib/sim";
import type { WorkerReply, WorkerRequest } from "./runner";

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply): void;
};

scope.onmessage = ({ data }) => {
  try {
    scope.postMessage({ id: data.id, ok: true, json: JSON.stringify(simulate(data.config)) });
  } catch (error) {
    scope.postMessage({ id: data.id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
