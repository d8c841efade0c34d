/** The lab's runner in a browser: engine workers from engine.worker.ts, the server through GET /api/simulate. */
import { configToSearchParams, type SimConfig } from "@/lib/sim";
import { problemOfResponse, RunProblemError } from "./run-problem";
import { type EngineWorker, LabRunner } from "./runner";

function createWorker(): EngineWorker | null {
  if (typeof Worker === "undefined") return null;
  try {
    const worker = new Worker(new URL("./engine.worker.ts", import.meta.url), {
      type: "module",
      name: "gradlab-engine",
    });
    return worker as unknown as EngineWorker; // the same methods; the runner reads only `data` of an event
  } catch {
    return null;
  }
}

async function fetchServer(config: SimConfig, signal: AbortSignal): Promise<string> {
  const res = await fetch(`/api/simulate?${configToSearchParams(config).toString()}`, { signal });
  const text = await res.text();
  if (!res.ok) throw new RunProblemError(problemOfResponse(res.status, res.headers.get("retry-after"), text));
  return text;
}

export const createBrowserRunner = (): LabRunner => new LabRunner({ createWorker, fetchServer });
