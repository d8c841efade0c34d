/**
 * The app's simulations: its one simulation service (worker pool + cache, kept across dev-mode
 * reloads), and running content's configs through it after the engine's schema has checked them.
 */
import "server-only";
import { env } from "@/lib/env";
import type { SimRunner } from "@/lib/grading/prediction";
import type { Problem } from "@/lib/http/json";
import { parseSimConfig, type SimConfig, type SimResult } from "@/lib/sim";
import { createSimPool } from "./pool";
import { createSimService, type SimService } from "./service";

const globalForSim = globalThis as unknown as { __gradlabSim?: SimService };

export const simService: SimService = globalForSim.__gradlabSim ?? createSimService(createSimPool(env.SIM_WORKERS));
globalForSim.__gradlabSim = simService;

export type ConfigRuns =
  | { ok: true; configs: SimConfig[]; results: SimResult[] }
  | { ok: false; index: number; errors: Problem[] };

/** Validates every config, then runs them all in parallel; the first invalid one is reported instead. */
export async function runConfigs(configs: readonly unknown[]): Promise<ConfigRuns> {
  const parsed: SimConfig[] = [];
  for (const [index, config] of configs.entries()) {
    const p = parseSimConfig(config);
    if (!p.ok) return { ok: false, index, errors: p.errors };
    parsed.push(p.config);
  }
  return { ok: true, configs: parsed, results: await Promise.all(parsed.map((c) => simService.result(c))) };
}

/** A runner for lib/grading: validates, then runs through the service; an invalid config throws. */
export const runSimulation: SimRunner = async (config) => {
  const parsed = parseSimConfig(config);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join("; "));
  return simService.result(parsed.config);
};
