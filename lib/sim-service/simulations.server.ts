/**
 * The app's simulations: its one simulation service (two worker pools + caches, kept across
 * dev-mode reloads, ADR 23), and running content's configs through the bank's lane after the
 * engine's schema has checked them. Visitors' own configs (the API, the lab) go through the
 * public lane with their client key.
 */
import "server-only";
import { env } from "@/lib/env";
import type { SimRunner } from "@/lib/grading/prediction";
import type { Problem } from "@/lib/http/json";
import { FLOP_BUDGET, parseSimConfig, type SimConfig, type SimResult } from "@/lib/sim";
import { createSimPool } from "./pool";
import { createSimService, type SimLimits, type SimService } from "./service";

/**
 * The public lane's rules. A learner in the lab never meets them (its runs are small or cached);
 * a script looping the costliest config gets two at a time and six a minute — about twelve
 * seconds of one core — and the queue holds two runs per thread before saying "busy".
 */
export const SIM_LIMITS: SimLimits = {
  perClientInFlight: 2,
  perClientBudget: { max: 6 * FLOP_BUDGET, windowMs: 60_000 },
  timeoutMs: { public: 15_000, bank: 60_000 },
};

/**
 * The public lane's threads run at the lowest priority there is (nice 19, Linux, per thread: ADR
 * 41): a flood of strangers' runs then takes only the CPU the request thread and the bank's lane
 * leave over, instead of a share of it.
 */
const PUBLIC_NICE = 19;

function createAppSimService(): SimService {
  return createSimService(
    {
      bank: createSimPool({ threads: 1, maxQueue: 1024, nice: 0 }),
      public: createSimPool({ threads: env.SIM_WORKERS, maxQueue: 2 * env.SIM_WORKERS, nice: PUBLIC_NICE }),
    },
    SIM_LIMITS,
  );
}

const globalForSim = globalThis as unknown as { __gradlabSim?: SimService };

export const simService: SimService = globalForSim.__gradlabSim ?? createAppSimService();
globalForSim.__gradlabSim = simService;

export type ConfigRuns =
  | { ok: true; configs: SimConfig[]; results: SimResult[] }
  | { ok: false; index: number; errors: Problem[] };

/** Validates every config of the question bank, then runs them all in parallel in the bank's lane; the first invalid one is reported instead. */
export async function runConfigs(configs: readonly unknown[]): Promise<ConfigRuns> {
  const parsed: SimConfig[] = [];
  for (const [index, config] of configs.entries()) {
    const p = parseSimConfig(config);
    if (!p.ok) return { ok: false, index, errors: p.errors };
    parsed.push(p.config);
  }
  return {
    ok: true,
    configs: parsed,
    results: await Promise.all(parsed.map((c) => simService.result(c, { lane: "bank" }))),
  };
}

/** A runner for lib/grading (a prediction question's own configs, so the bank's lane): validates, then runs; an invalid config throws. */
export const runSimulation: SimRunner = async (config) => {
  const parsed = parseSimConfig(config);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join("; "));
  return simService.result(parsed.config, { lane: "bank" });
};

/** Whether every one of these bank configs has its result cached already (an invalid one: no). */
export function configsCached(configs: readonly unknown[]): boolean {
  return configs.every((config) => {
    const p = parseSimConfig(config);
    return p.ok && simService.peek(p.config) !== undefined;
  });
}
