/**
 * Shared by the scenario tests and by hand-runs (`npx tsx tests/unit/content/run-bank.ts`):
 * runs every scenario of the bank through the engine and checks its expectations.
 */
import type { Expectation } from "../../../lib/content/schema";
import { parseSimConfig, type SimResult, simulate } from "../../../lib/sim";

/** parse + simulate (timing off, so results are byte-identical); throws on an invalid config. */
export function runConfig(config: unknown): SimResult {
  const p = parseSimConfig(config);
  if (!p.ok)
    throw new Error(
      `invalid config ${JSON.stringify(config)}: ${p.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`,
    );
  return simulate(p.config, { timing: false });
}

/** The expectation's failures for this result (empty = the lesson holds). */
export function expectationFailures(r: SimResult, e: Expectation): string[] {
  const f: string[] = [];
  const s = r.summary;
  if (e.verdict !== undefined && s.verdict !== e.verdict)
    f.push(`verdict ${s.verdict}, expected ${e.verdict} (log10 ratio ${s.log10GradRatio.toFixed(2)})`);
  if (e.finite !== undefined && e.finite === s.nonFinite)
    f.push(`nonFinite ${s.nonFinite}, expected finite ${e.finite}`);
  if (e.log10GradRatioAbove !== undefined && !(s.log10GradRatio > e.log10GradRatioAbove))
    f.push(`log10 ratio ${s.log10GradRatio} not above ${e.log10GradRatioAbove}`);
  if (e.log10GradRatioBelow !== undefined && !(s.log10GradRatio < e.log10GradRatioBelow))
    f.push(`log10 ratio ${s.log10GradRatio} not below ${e.log10GradRatioBelow}`);
  const w = Math.log10(s.weightGradRatio);
  if (e.log10WeightGradRatioAbove !== undefined && !(w > e.log10WeightGradRatioAbove))
    f.push(`log10 weight-gradient ratio ${w} not above ${e.log10WeightGradRatioAbove}`);
  if (e.log10WeightGradRatioBelow !== undefined && !(w < e.log10WeightGradRatioBelow))
    f.push(`log10 weight-gradient ratio ${w} not below ${e.log10WeightGradRatioBelow}`);
  const bound = (name: string, value: number | undefined, above?: number, below?: number) => {
    if (above === undefined && below === undefined) return;
    if (value === undefined) f.push(`${name} expectation on a run that has no ${name}`);
    else {
      if (above !== undefined && !(value > above)) f.push(`${name} ${value} not above ${above}`);
      if (below !== undefined && !(value < below)) f.push(`${name} ${value} not below ${below}`);
    }
  };
  const first = r.history[0];
  const lastStep = r.history[r.history.length - 1];
  bound(
    "weight-norm ratio",
    first && lastStep ? lastStep.weightNorm / first.weightNorm : undefined,
    e.weightNormRatioAbove,
    e.weightNormRatioBelow,
  );
  const mlpLayers = r.model === "mlp" && r.history.length > 0 ? r.layers : [];
  bound(
    "log10 step ratio",
    mlpLayers.length ? Math.log10(mlpLayers[0]!.stepNorm / mlpLayers[mlpLayers.length - 1]!.stepNorm) : undefined,
    e.log10StepRatioAbove,
    e.log10StepRatioBelow,
  );
  bound(
    "output saturation",
    r.model === "mlp" ? r.layers[r.layers.length - 1]?.saturation : undefined,
    e.outputSaturationAbove,
    e.outputSaturationBelow,
  );
  const blocks = r.model === "transformer" ? r.layers : [];
  bound(
    "attention entropy",
    blocks.length ? blocks.reduce((s, b) => s + b.attentionEntropy, 0) / blocks.length : undefined,
    e.attentionEntropyAbove,
    e.attentionEntropyBelow,
  );
  bound(
    "last-block FFN gradient",
    blocks.length ? blocks[blocks.length - 1]?.weightGradNorms.w2 : undefined,
    e.lastBlockFfnGradAbove,
    e.lastBlockFfnGradBelow,
  );
  const qk = (b: (typeof blocks)[number] | undefined) =>
    b ? Math.hypot(b.weightGradNorms.wq, b.weightGradNorms.wk) : Number.NaN;
  bound(
    "log10 query/key gradient ratio",
    blocks.length ? Math.log10(qk(blocks[0]) / qk(blocks[blocks.length - 1])) : undefined,
    e.log10QkGradRatioAbove,
    e.log10QkGradRatioBelow,
  );
  bound(
    "log10 first/last position gradient",
    log10PositionGradRatio(r),
    e.log10PositionGradRatioAbove,
    e.log10PositionGradRatioBelow,
  );
  if (e.lossDropBelow !== undefined || e.lossStaysAbove !== undefined) {
    const initial = r.history[0]?.loss;
    if (initial === undefined) f.push("loss expectation on a config without training");
    else {
      const ratio = s.loss / initial;
      if (e.lossDropBelow !== undefined && !(ratio < e.lossDropBelow))
        f.push(`final/initial loss ${ratio} not below ${e.lossDropBelow}`);
      if (e.lossStaysAbove !== undefined && !(ratio >= e.lossStaysAbove))
        f.push(`final/initial loss ${ratio} not at least ${e.lossStaysAbove}`);
    }
  }
  return f;
}

/** log10 of the first position's gradient over the last's (recurrent: hidden state; Transformer: input), if the run has positions. */
function log10PositionGradRatio(r: SimResult): number | undefined {
  const g =
    r.model === "transformer"
      ? r.positions.map((p) => p.inputGradNorm)
      : r.model === "mlp"
        ? null
        : r.timesteps.map((s) => s.hiddenGradNorm);
  if (!g || g.length === 0) return undefined;
  return Math.log10((g[0] as number) / (g[g.length - 1] as number));
}

/** Hand-run: a table of every run with its numbers and failures. */
async function main() {
  const { readQuestionBank } = await import("../../../lib/content/load");
  const { outcomeOf, predictionConfigs } = await import("../../../lib/grading/prediction");
  const filter = process.argv[2];
  for (const { question: q } of readQuestionBank().questions) {
    if (filter && !q.slug.includes(filter)) continue;
    for (const sc of q.scenarios) {
      for (const [label, run] of [
        ["problem", sc.problem],
        ...sc.fixes.map((fx, i) => [`fix${i}`, fx] as const),
      ] as const) {
        let line: string;
        try {
          const t = performance.now();
          const r = runConfig(run.config);
          const ms = performance.now() - t;
          const fails = expectationFailures(r, run.expect);
          const lossInfo = r.history.length
            ? ` loss ${r.history[0]?.loss.toPrecision(3)}→${r.summary.loss.toPrecision(3)} (×${(r.summary.loss / (r.history[0]?.loss ?? 1)).toPrecision(2)}) wn×${((r.history.at(-1)?.weightNorm ?? 0) / (r.history[0]?.weightNorm ?? 1)).toPrecision(2)}`
            : "";
          const extra =
            r.model === "transformer"
              ? ` H=${(r.layers.reduce((s, b) => s + b.attentionEntropy, 0) / r.layers.length).toFixed(3)} w2L=${r.layers.at(-1)?.weightGradNorms.w2.toPrecision(3)}`
              : r.model === "mlp"
                ? ` sat=${r.layers.at(-1)?.saturation.toFixed(2)}${r.history.length ? ` step ${Math.log10((r.layers[0]?.stepNorm ?? 0) / (r.layers.at(-1)?.stepNorm ?? 1)).toFixed(2)}` : ""}`
                : "";
          line = `${fails.length ? "FAIL" : "ok  "} ${r.summary.log10GradRatio.toFixed(2).padStart(7)} wg ${Math.log10(r.summary.weightGradRatio).toFixed(2)} ${r.summary.verdict.padEnd(9)} nf=${r.summary.nonFinite ? 1 : 0}${lossInfo}${extra} ${ms.toFixed(0)}ms ${(r.meta.flops / 1e6).toFixed(0)}M ${q.slug}/${sc.key}/${label} ${fails.join("; ")}`;
        } catch (err) {
          line = `ERR  ${q.slug}/${sc.key}/${label}: ${(err as Error).message}`;
        }
        console.log(line);
      }
    }
    if (q.type === "prediction") {
      try {
        const results = predictionConfigs(q.prediction).map(runConfig);
        const o = outcomeOf(q.prediction, results);
        console.log(
          `${o.ambiguity ? "AMBI" : "ok  "} PRED ${q.prediction.kind} ${q.slug}: expected ${JSON.stringify(o.expected)} actual ${JSON.stringify(o.actual, (_k, v) => (typeof v === "number" ? Number(v.toPrecision(3)) : v))} ${o.ambiguity ?? ""}`,
        );
      } catch (err) {
        console.log(`ERR  PRED ${q.slug}: ${(err as Error).message}`);
      }
    }
  }
}

if (process.argv[1]?.endsWith("run-bank.ts")) void main();
