/**
 * Not a test: what an engine change does to the question bank's results. Runs every scenario run
 * and every prediction config of the bank and either writes their summaries to a file or compares
 * two such files (before and after a change that alters seeded results, e.g. the normal sampler):
 *
 *   npx tsx tests/unit/sim/bank-drift.ts dump before.json      (on the old engine)
 *   npx tsx tests/unit/sim/bank-drift.ts dump after.json       (on the new one)
 *   npx tsx tests/unit/sim/bank-drift.ts compare before.json after.json
 *
 * The comparison lists, per run, how far log10 gradRatio, log10 weightGradRatio and the
 * final/initial loss ratio moved and whether the verdict or finiteness flipped; per prediction,
 * whether the engine's answer changed and whether it became ambiguous. The content tests decide
 * whether the bank still holds; this says by how much it moved.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { readQuestionBank } from "../../../lib/content/load";
import { outcomeOf, predictionConfigs } from "../../../lib/grading/prediction";
import { runConfig } from "../content/run-bank";

interface RunSummary {
  verdict: string;
  nonFinite: boolean;
  log10GradRatio: number | null;
  log10WeightGradRatio: number | null;
  lossRatio: number | null;
  /** sha-256 of the whole result's JSON (timing off, engineVersion left out): equal hashes = the same bytes */
  hash: string;
}

interface Dump {
  engineVersion: string;
  runs: Record<string, RunSummary>;
  predictions: Record<string, { expected: unknown; ambiguity: string | null }>;
}

const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);

function dump(): Dump {
  const out: Dump = { engineVersion: "", runs: {}, predictions: {} };
  const record = (key: string, config: unknown) => {
    const r = runConfig(config);
    out.engineVersion = r.meta.engineVersion;
    const initial = r.history[0]?.loss;
    out.runs[key] = {
      verdict: r.summary.verdict,
      nonFinite: r.summary.nonFinite,
      log10GradRatio: finiteOrNull(r.summary.log10GradRatio),
      log10WeightGradRatio: finiteOrNull(Math.log10(r.summary.weightGradRatio)),
      lossRatio: initial === undefined ? null : finiteOrNull(r.summary.loss / initial),
      hash: createHash("sha256")
        .update(JSON.stringify({ ...r, meta: { ...r.meta, engineVersion: "" } }))
        .digest("hex"),
    };
    return r;
  };
  for (const { question: q } of readQuestionBank().questions) {
    for (const sc of q.scenarios) {
      record(`${q.slug}/${sc.key}/problem`, sc.problem.config);
      for (const [i, fx] of sc.fixes.entries()) record(`${q.slug}/${sc.key}/fix${i + 1}`, fx.config);
    }
    if (q.type === "prediction") {
      const results = predictionConfigs(q.prediction).map((c, i) => record(`${q.slug}/prediction${i + 1}`, c));
      const o = outcomeOf(q.prediction, results);
      out.predictions[q.slug] = { expected: o.expected, ambiguity: o.ambiguity };
    }
  }
  return out;
}

const delta = (a: number | null, b: number | null) => (a === null || b === null ? (a === b ? 0 : Infinity) : b - a);

function compare(before: Dump, after: Dump): void {
  console.log(`engine ${before.engineVersion} → ${after.engineVersion}`);
  const rows: [string, number, string][] = [];
  let flips = 0;
  let identical = 0;
  for (const [key, a] of Object.entries(before.runs)) {
    const b = after.runs[key];
    if (!b) {
      console.log(`missing after: ${key}`);
      continue;
    }
    const dg = delta(a.log10GradRatio, b.log10GradRatio);
    const dw = delta(a.log10WeightGradRatio, b.log10WeightGradRatio);
    const dl =
      a.lossRatio === null || b.lossRatio === null
        ? delta(a.lossRatio, b.lossRatio)
        : Math.log10(b.lossRatio / a.lossRatio);
    if (a.hash !== undefined && a.hash === b.hash) identical++;
    const flip = a.verdict !== b.verdict || a.nonFinite !== b.nonFinite;
    if (flip) flips++;
    const worst = Math.max(Math.abs(dg), Math.abs(dw), Math.abs(dl));
    const fmt = (v: number) =>
      Number.isFinite(v) ? (Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(1) : v.toFixed(3)) : String(v);
    rows.push([
      key,
      worst,
      `Δlog10 gradRatio ${fmt(dg)} (${a.log10GradRatio?.toFixed(2)} → ${b.log10GradRatio?.toFixed(2)}), Δlog10 weightGradRatio ${fmt(dw)}, Δlog10 lossRatio ${fmt(dl)}${flip ? `, VERDICT ${a.verdict}/${a.nonFinite} → ${b.verdict}/${b.nonFinite}` : ""}`,
    ]);
  }
  rows.sort((x, y) => y[1] - x[1]);
  const moved = rows.filter((r) => r[1] > 0);
  console.log(
    `${rows.length} runs: ${identical} with byte-identical results, ${moved.length} with moved summaries, ${flips} verdict/finiteness flips`,
  );
  const dgs = Object.entries(before.runs).map(([k, a]) =>
    Math.abs(delta(a.log10GradRatio, after.runs[k]?.log10GradRatio ?? null)),
  );
  const finite = dgs.filter(Number.isFinite).sort((x, y) => x - y);
  const q = (p: number) => finite[Math.min(finite.length - 1, Math.floor(p * finite.length))] ?? 0;
  console.log(
    `|Δlog10 gradRatio|: median ${q(0.5).toExponential(1)}, p90 ${q(0.9).toExponential(1)}, max ${q(1).toExponential(1)} decades`,
  );
  for (const [key, , text] of moved) console.log(`${key}: ${text}`);
  for (const [slug, a] of Object.entries(before.predictions)) {
    const b = after.predictions[slug];
    const same = JSON.stringify(a.expected) === JSON.stringify(b?.expected);
    if (!same || b?.ambiguity)
      console.log(
        `PREDICTION ${slug}: ${JSON.stringify(a.expected)} → ${JSON.stringify(b?.expected)}${b?.ambiguity ? ` AMBIGUOUS: ${b.ambiguity}` : ""}`,
      );
  }
}

const [mode, fileA, fileB] = process.argv.slice(2);
if (mode === "dump" && fileA) writeFileSync(fileA, JSON.stringify(dump(), null, 1));
else if (mode === "compare" && fileA && fileB)
  compare(JSON.parse(readFileSync(fileA, "utf8")) as Dump, JSON.parse(readFileSync(fileB, "utf8")) as Dump);
else console.log("usage: bank-drift.ts dump FILE | compare BEFORE AFTER");
