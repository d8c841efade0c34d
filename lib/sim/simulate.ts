/** One canonical config in, one result out. Pure and deterministic (except meta.elapsedMs). */
import { createModel } from "./build";
import { estimateFlops } from "./cost";
import { Mlp } from "./mlp";
import { masterQuantizer } from "./precision";
import { type SimConfig, SimConfigSchema } from "./schema";
import { verdictOf } from "./summary";
import { train } from "./train";
import type { MlpLayerStats, SimResult, SimSummary, TimestepStats, TrainStep } from "./types";
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
  const model = createModel(c);
  const history: TrainStep[] = c.train ? train(model, c.train, masterQuantizer(c.precision)) : [];
  const loss = model.lossAndGrad(); // the snapshot: final parameters, the fixed batch
  const historyNonFinite = history.some((s) => s.nonFinite);

  const summarize = (first: number, last: number, wFirst: number, wLast: number, nonFinite: boolean): SimSummary => {
    const gradRatio = first / last;
    const nf = nonFinite || historyNonFinite || !Number.isFinite(loss);
    return {
      loss,
      gradRatio,
      log10GradRatio: Math.log10(gradRatio),
      weightGradRatio: wFirst / wLast,
      verdict: verdictOf(gradRatio, nf),
      nonFinite: nf,
    };
  };
  const meta = () => ({
    engineVersion: ENGINE_VERSION,
    elapsedMs: timing ? Math.round((performance.now() - t0) * 100) / 100 : 0,
    config: c,
    flops: estimateFlops(c),
  });

  if (model instanceof Mlp) {
    const layers = model.layerStats();
    const first = layers[0] as MlpLayerStats; // depth ≥ 1
    const last = layers[layers.length - 1] as MlpLayerStats;
    const summary = summarize(
      first.activationGradNorm,
      last.activationGradNorm,
      first.weightGradNorm,
      last.weightGradNorm,
      model.nonFinite,
    );
    return { model: "mlp", layers, history, summary, meta: meta() };
  }
  const timesteps = model.timestepStats();
  const first = timesteps[0] as TimestepStats; // steps ≥ 1
  const last = timesteps[timesteps.length - 1] as TimestepStats;
  const summary = summarize(
    first.hiddenGradNorm,
    last.hiddenGradNorm,
    first.weightGradNorm,
    last.weightGradNorm,
    model.nonFinite,
  );
  return { model: c.model as "rnn" | "lstm" | "gru", timesteps, history, summary, meta: meta() };
}
