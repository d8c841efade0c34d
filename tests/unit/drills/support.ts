/** The engine as a drill runner, in process (the app runs the same configs through the simulation service). */
import type { DrillRunner } from "@/lib/drills/generate";
import { parseSimConfig, type SimConfig, simulate } from "@/lib/sim";

export function canonical(config: unknown): SimConfig {
  const parsed = parseSimConfig(config);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join("; "));
  return parsed.config;
}

export const runEngine: DrillRunner = (config) => simulate(canonical(config), { timing: false });
