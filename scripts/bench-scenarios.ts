/**
 * How long the engine takes for every simulation the question bank embeds (scenario runs and
 * prediction configs), each timed warm (median of 5 after a warm-up run) in this process, single
 * thread. Target (issue 3): every embedded scenario under 50 ms. Prints the slowest ones and the
 * distribution; `--write` records the summary in docs/benchmarks.md.
 *
 *   npm run bench:scenarios [-- --write]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { loadQuestionBank } from "../lib/content/load";
import { predictionConfigs } from "../lib/grading/prediction";
import { parseSimConfig, simulate } from "../lib/sim";

const TARGET_MS = 50;
const runs: { name: string; config: unknown }[] = [];
for (const { question: q } of loadQuestionBank()) {
  for (const s of q.scenarios) {
    runs.push({ name: `${q.slug}/${s.key}/problem`, config: s.problem.config });
    for (const [i, f] of s.fixes.entries()) runs.push({ name: `${q.slug}/${s.key}/fix${i + 1}`, config: f.config });
  }
  if (q.type === "prediction") {
    for (const [i, config] of predictionConfigs(q.prediction).entries()) {
      runs.push({ name: `${q.slug}/prediction${i + 1}`, config });
    }
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const timed = runs.map(({ name, config }) => {
  const parsed = parseSimConfig(config);
  if (!parsed.ok) throw new Error(`${name}: invalid config`);
  simulate(parsed.config); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    simulate(parsed.config);
    ms.push(performance.now() - t);
  }
  return { name, model: parsed.config.model, ms: median(ms) };
});

timed.sort((a, b) => b.ms - a.ms);
const all = timed.map((t) => t.ms).sort((a, b) => a - b);
const pct = (p: number) => all[Math.min(all.length - 1, Math.floor((p / 100) * all.length))] as number;
const over = timed.filter((t) => t.ms >= TARGET_MS);
console.log(`${timed.length} embedded simulations (median of 5 warm runs each)`);
console.log(
  `p50 ${pct(50).toFixed(1)} ms · p95 ${pct(95).toFixed(1)} ms · max ${(all.at(-1) ?? 0).toFixed(1)} ms · target < ${TARGET_MS} ms`,
);
console.log("slowest:");
for (const t of timed.slice(0, 8)) console.log(`  ${t.ms.toFixed(1).padStart(7)} ms  ${t.name}`);
console.log(over.length === 0 ? "all under target" : `${over.length} over target`);
// per model, against the p50 of all runs measured in the same process (a loaded machine scales both)
const byModel = [...new Set(timed.map((t) => t.model))].map((model) => {
  const ms = timed.filter((t) => t.model === model).map((t) => t.ms);
  return { model, n: ms.length, median: median(ms), max: Math.max(...ms) };
});
const modelRows = byModel.map(
  (m) =>
    `| ${m.model} | ${m.n} | ${m.median.toFixed(1)} ms (×${(m.median / pct(50)).toFixed(2)}) | ${m.max.toFixed(1)} ms (×${(m.max / pct(50)).toFixed(2)}) |`,
);
console.log("per model (× the p50 of all runs):");
for (const r of modelRows) console.log(`  ${r}`);

if (process.argv.includes("--write")) {
  const file = "docs/benchmarks.md";
  const text = readFileSync(file, "utf8");
  const block = [
    "<!-- bench:scenarios:start -->",
    `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:scenarios -- --write\`, node ${process.version}: ` +
      `${timed.length} embedded simulations, median of 5 warm runs each, single thread.`,
    "",
    "| p50 | p95 | max | over 50 ms |",
    "| --- | --- | --- | --- |",
    `| ${pct(50).toFixed(1)} ms | ${pct(95).toFixed(1)} ms | ${(all.at(-1) ?? 0).toFixed(1)} ms | ${over.length} |`,
    "",
    "| model | runs | median (× p50 of all) | max (× p50 of all) |",
    "| --- | --- | --- | --- |",
    ...modelRows,
    "",
    `Slowest: ${timed
      .slice(0, 3)
      .map((t) => `\`${t.name}\` ${t.ms.toFixed(1)} ms`)
      .join(", ")}.`,
    "<!-- bench:scenarios:end -->",
  ].join("\n");
  const re = /<!-- bench:scenarios:start -->[\s\S]*<!-- bench:scenarios:end -->/;
  writeFileSync(
    file,
    re.test(text) ? text.replace(re, block) : `${text.trimEnd()}\n\n## Embedded scenarios\n\n${block}\n`,
  );
  console.log(`wrote ${file}`);
}
