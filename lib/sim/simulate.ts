/** One canonical config in, one result out. Pure and deterministic (except meta.elapsedMs). */
import { createModel } from "./build";
import { estimateFlops } from "./cost";
import { withKernelArena } from "./kernels/gemm";
import { mlpArena } from "./mlp";
import { masterQuantizer } from "./precision";
import type { SimMeta, SimResult, TrainStep } from "./result";
import { type SimConfig, SimConfigSchema } from "./schema";
import { train } from "./train";
import { transformerArena } from "./transformer";
import { summarize } from "./verdict";
import { ENGINE_VERSION } from "./version";

export interface SimulateOptions {
  /**
   * Measure wall time into meta.elapsedMs (default true). With false, elapsedMs is 0 and the
   * JSON of the result is byte-identical for the same config.
   */
  timing?: boolean;
}

/**
 * Runs the config (already parsed by parseSimConfig; re-validated here, which throws only for
 * inputs that bypassed the schema). Divergence is reported in the result, never thrown.
 */
export function simulate(config: SimConfig, options: SimulateOptions = {}): SimResult {
  const timing = options.timing ?? true;
  const t0 = timing ? performance.now() : 0;
  const c = SimConfigSchema.parse(config);
  return inKernelArena(c, () => run(c, timing, t0)); // nothing from the arena is in the result
}

/**
 * Runs fn with the model's weights and buffers in the gemm kernel's memory (no copies per
 * product; see gemm.ts withKernelArena) — for the MLP and the Transformer, whose products are
 * most of the call's time. Nothing built inside may outlive fn.
 */
export function inKernelArena<T>(c: SimConfig, fn: () => T): T {
  if (c.model !== "mlp" && c.model !== "transformer") return fn();
  const { elements, scratch } = c.model === "mlp" ? mlpArena(c) : transformerArena(c);
  return withKernelArena(elements, scratch, fn);
}

function run(c: SimConfig, timing: boolean, t0: number): SimResult {
  const model = createModel(c);
  const history: TrainStep[] = c.train ? train(model, c.train, masterQuantizer(c.precision)) : [];
  const loss = model.lossAndGrad(); // the snapshot: final parameters, the fixed batch
  const { stats, profile } = model.snapshot(); // reading the statistics also flags non-finite activations
  const nonFinite = model.nonFinite || history.some((s) => s.nonFinite);
  const summary = summarize(loss, profile, nonFinite);
  const meta: SimMeta = {
    engineVersion: ENGINE_VERSION,
    elapsedMs: timing ? Math.round((performance.now() - t0) * 100) / 100 : 0,
    config: c,
    flops: estimateFlops(c),
  };
  return { ...stats, history, summary, meta };
}
