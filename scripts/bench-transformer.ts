/**
 * `npm run bench:transformer` — the Transformer snapshot (issue 11's target: depth 12, dModel 64,
 * seqLen 32 in < 100 ms) and, in the same run, the numpy/OpenBLAS anchor for the same pass
 * (scripts/bench/transformer_numpy.py, one thread) on the very weights and data the engine drew.
 *
 *   npx tsx scripts/bench-transformer.ts [--write] [--runs N] [--rounds R]
 *
 * Before timing it checks the anchor against the engine: the loss and every block's ‖∂L/∂x_l‖
 * and ‖∂L/∂W‖ must agree to 1e-9 (relative), so the two time the same computation.
 * Timed, alternating R rounds (median of N each): simulate() (the whole call: weights drawn,
 * pass, statistics), the engine pass alone (createTransformer(config).lossAndGrad(), in the kernel
 * arena as simulate() runs it), and numpy's
 * pass (its own median of N after a warm-up). `--write` records the figures in docs/benchmarks.md.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { createTransformer, drawTokens } from "../lib/sim/build";
import { SimConfigSchema, simulate, type TransformerConfig, type TransformerResult } from "../lib/sim/index";
import { gemmKernelName } from "../lib/sim/kernels/gemm";
import { inKernelArena } from "../lib/sim/simulate";
import { transformerParams } from "../lib/sim/transformer";

const argv = process.argv.slice(2);
const option = (name: string, dflt: number) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const WRITE = argv.includes("--write");
const RUNS = Math.max(5, option("--runs", 15));
const ROUNDS = Math.max(1, option("--rounds", 3));
const TARGET_MS = 100;

const config = SimConfigSchema.parse({ model: "transformer", depth: 12, dModel: 64, seqLen: 32 }) as TransformerConfig;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;

function timeIt(fn: () => unknown, runs: number): number {
  for (let i = 0; i < 3; i++) fn();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ts.push(performance.now() - t);
  }
  return median(ts);
}

/** One thread, and OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE unset (as scripts/bench.ts does). */
function numpyEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1" };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

interface Anchor {
  ms: number;
  numpy: string;
  loss: number;
  activationGradNorms: number[];
  weightGradNorms: number[];
}

function runNumpy(dir: string, runs: number): Anchor {
  const r = spawnSync(
    "python3",
    ["scripts/bench/transformer_numpy.py", join(dir, "config.json"), join(dir, "data.bin"), String(runs)],
    { env: numpyEnv(), encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`numpy anchor failed: ${(r.stderr || r.error?.message || "").trim()}`);
  return JSON.parse(r.stdout) as Anchor;
}

function main() {
  const dir = mkdtempSync(join(tmpdir(), "gradlab-bench-"));
  try {
    const params = transformerParams(config);
    const { x, y } = drawTokens(config);
    const all = [x, y, ...params];
    const bytes = new Float64Array(all.reduce((n, a) => n + a.length, 0));
    let o = 0;
    for (const a of all) {
      bytes.set(a, o);
      o += a.length;
    }
    writeFileSync(join(dir, "config.json"), JSON.stringify(config));
    writeFileSync(join(dir, "data.bin"), new Uint8Array(bytes.buffer));

    // the same computation: loss and every block's norms against the anchor's
    const ours = simulate(config, { timing: false }) as TransformerResult;
    const ref = runNumpy(dir, 1);
    const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    const worst = Math.max(
      rel(ours.summary.loss, ref.loss),
      ...ours.layers.map((l, i) => rel(l.activationGradNorm, ref.activationGradNorms[i] ?? Number.NaN)),
      ...ours.layers.map((l, i) => rel(l.weightGradNorm, ref.weightGradNorms[i] ?? Number.NaN)),
    );
    console.log(
      `GradLab Transformer bench — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus()[0]?.model ?? "?"}, gemm kernel ${gemmKernelName()}`,
    );
    console.log(`config: ${JSON.stringify(config)}`);
    console.log(
      `anchor: numpy ${ref.numpy} (one thread); agreement with the engine: worst relative difference ${worst.toExponential(1)}`,
    );
    if (!(worst < 1e-9)) {
      console.error("the anchor and the engine disagree: not timing different computations");
      process.exitCode = 1;
      return;
    }

    const rounds: { simulate: number; pass: number; numpy: number }[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const sim = timeIt(() => simulate(config, { timing: false }), RUNS);
      const pass = inKernelArena(config, () => {
        const model = createTransformer(config);
        return timeIt(() => model.lossAndGrad(), RUNS);
      });
      const numpy = runNumpy(dir, RUNS).ms;
      rounds.push({ simulate: sim, pass, numpy });
      console.log(
        `round ${r + 1}: simulate() ${sim.toFixed(1)} ms, engine pass ${pass.toFixed(1)} ms, numpy pass ${numpy.toFixed(1)} ms`,
      );
    }
    const mid = (k: "simulate" | "pass" | "numpy") => median(rounds.map((x) => x[k]));
    const span = (f: (x: (typeof rounds)[0]) => number) =>
      `${Math.min(...rounds.map(f)).toFixed(2)}–${Math.max(...rounds.map(f)).toFixed(2)}`;
    const summary = [
      `| timed | ours ms | numpy pass ms | ours/numpy [rounds] | target |`,
      `| --- | --- | --- | --- | --- |`,
      `| engine pass (forward + backward) | ${mid("pass").toFixed(1)} | ${mid("numpy").toFixed(1)} | ${(mid("pass") / mid("numpy")).toFixed(2)}× [${span((x) => x.pass / x.numpy)}] | – |`,
      `| simulate(), the whole snapshot | ${mid("simulate").toFixed(1)} | ${mid("numpy").toFixed(1)} | ${(mid("simulate") / mid("numpy")).toFixed(2)}× [${span((x) => x.simulate / x.numpy)}] | < ${TARGET_MS} ms ${mid("simulate") < TARGET_MS ? "✓" : "✗"} |`,
    ];
    console.log("");
    for (const l of summary) console.log(l);
    if (WRITE) {
      const file = "docs/benchmarks.md";
      const text = readFileSync(file, "utf8");
      const block = [
        "<!-- bench:transformer:start -->",
        `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:transformer -- --write\`, node ${process.version}, gemm kernel \`${gemmKernelName()}\`; anchor numpy ${ref.numpy}, one thread, on the engine's own weights and data (worst relative difference of the loss and the per-block norms ${worst.toExponential(1)}); median of ${RUNS} passes, ${ROUNDS} rounds.`,
        "",
        ...summary,
        "<!-- bench:transformer:end -->",
      ].join("\n");
      const re = /<!-- bench:transformer:start -->[\s\S]*<!-- bench:transformer:end -->/;
      writeFileSync(
        file,
        re.test(text) ? text.replace(re, block) : `${text.trimEnd()}\n\n## Transformer snapshot\n\n${block}\n`,
      );
      console.log(`wrote ${file}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
