/** Shared by /api/simulate and /api/simulate/csv: a visitor's run through the public lane, or the 429/503 that says when to come back. */
import "server-only";
import type { RefusalReason } from "@/lib/http/refusal-reasons";
import { clientKey } from "@/lib/http/request";
import type { SimConfig } from "@/lib/sim";
import { isSimRefusal, type SimRefusal, type SimulationOutput } from "@/lib/sim-service/service";
import { simService } from "@/lib/sim-service/simulations.server";

const MESSAGES: Record<RefusalReason, string> = {
  busy: "The simulator is busy with other visitors' runs; try again in a moment.",
  clientBusy: "You already have simulations running; wait for them before starting more.",
  clientQuota: "You have used this minute's simulation budget (uncached runs); try again later or use smaller configs.",
  timeout: "The simulation did not finish in time and was stopped; try again, or a smaller config.",
};

export function refusalResponse(refusal: SimRefusal): Response {
  const status = refusal.reason === "clientBusy" || refusal.reason === "clientQuota" ? 429 : 503;
  // `reason` lets a client word the refusal in its own language (the lab does, lib/lab/run-problem.ts)
  const response = Response.json({ error: MESSAGES[refusal.reason], reason: refusal.reason }, { status });
  response.headers.set("retry-after", String(refusal.retryAfterS));
  return response;
}

/** Runs every config for this request's client (as one of its runs, one config after another), or answers the refusal. */
export async function runForRequest(request: Request, configs: SimConfig[]): Promise<SimulationOutput[] | Response> {
  const who = { lane: "public", client: clientKey(request.headers) } as const;
  try {
    return await simService.runMany(configs, who);
  } catch (error) {
    if (isSimRefusal(error)) return refusalResponse(error);
    throw error;
  }
}
