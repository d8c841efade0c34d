/**
 * `npm run bench` — times one forward+backward pass of the two reference MLPs (issue 3, "Fast")
 * and, in the same run, the numpy/OpenBLAS reference (../shared/bench/mlp_numpy.py, one thread),
 * and the TensorFlow.js-wasm peer when it is installed in a scratch folder.
 *
 *   npx tsx scripts/bench.ts [--write] [--runs N] [--rounds R] [--only large|small]
 *
 *   --write    update the figures section of docs/benchmarks.md (otherwise nothing is written)
 *   --runs N   timed passes per measurement, after warm-up (default 15; the median is reported)
 *   --rounds R measurements of ours and numpy, alternated (default 3; the median round is
 *              reported with the spread of all rounds — the machine is shared, so look at both)
 *   --kernel K gemm kernel: auto (default: wasm SIMD where available), wasm, or js (the fallback)
 *   --only S   large or small: one net only
 *
 * What is timed: the engine's own `simulate` from lib/sim when it exists (the whole call, as a user
 * sees it), and always the self-contained pass below — the same math as mlp_numpy.py on `gemm`.
 * Environment: TFJS_BENCH_DIR (default /tmp/tfjs-bench) is where @tensorflow/tfjs@4.22 and
 * @tensorflow/tfjs-backend-wasm@4.22 are installed for the peer; absent → skipped.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gemm, gemmKernelName, gemmNaive, setGemmKernel } from "../lib/sim/kernels/gemm";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SHARED_BENCH = resolve(ROOT, "../shared/bench");
const TFJS_DIR = process.env.TFJS_BENCH_DIR ?? "/tmp/tfjs-bench";

// ---- arguments ---------------------------------------------------------------------------------

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const option = (name: string, dflt: string) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? (argv[i + 1] as string) : dflt;
};
const WRITE = flag("--write");
const RUNS = Math.max(10, Number(option("--runs", "15")));
const ROUNDS = Math.max(1, Number(option("--rounds", "3")));
const ONLY = option("--only", "");
const KERNEL = option("--kernel", "auto");
if (KERNEL !== "auto" && KERNEL !== "wasm" && KERNEL !== "js") throw new Error("--kernel must be auto, wasm or js");
setGemmKernel(KERNEL);

interface Shape {
  name: "large" | "small";
  L: number;
  n: number;
  B: number;
  target: number; // allowed ratio ours / numpy
}
const SHAPES: Shape[] = [
  { name: "large", L: 50, n: 256, B: 64, target: 6 },
  { name: "small", L: 20, n: 64, B: 64, target: 5 },
].filter((s) => !ONLY || s.name === ONLY) as Shape[];

const flops = (s: Shape) => s.L * 3 * 2 * s.B * s.n * s.n;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? (s[h] as number) : ((s[h - 1] as number) + (s[h] as number)) / 2;
};

// ---- the self-contained pass (same math as mlp_numpy.py) ----------------------------------------

/** mulberry32 + Box-Muller: a deterministic N(0, 1) stream. */
function normalStream(seed: number): () => number {
  let a = seed >>> 0;
  const u = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

type Gemm = typeof gemm;
const TRANS_A = { transA: true } as const;
const TRANS_B = { transB: true } as const;

/** A tanh MLP, Xavier-normal weights W_l (n×n), input x (B×n); loss = 0.5·mean_batch Σ h_L². */
function makeMlp(s: Shape, mm: Gemm) {
  const { L, n, B } = s;
  const rnd = normalStream(0);
  const std = Math.sqrt(2 / (n + n));
  const Ws = Array.from({ length: L }, () => Float64Array.from({ length: n * n }, () => rnd() * std));
  const x = Float64Array.from({ length: B * n }, rnd);
  const hs = Array.from({ length: L + 1 }, (_, l) => (l === 0 ? x : new Float64Array(B * n)));
  const g = new Float64Array(B * n);
  const gz = new Float64Array(B * n);
  const dW = new Float64Array(n * n);
  const norms = new Float64Array(L);
  /** One forward+backward pass; returns the per-layer weight-gradient norms. */
  return function pass(): Float64Array {
    for (let l = 0; l < L; l++) {
      const z = hs[l + 1] as Float64Array;
      mm(hs[l] as Float64Array, Ws[l] as Float64Array, z, B, n, n, TRANS_B); // Z = H·Wᵀ
      for (let i = 0; i < z.length; i++) z[i] = Math.tanh(z[i] as number);
    }
    const hL = hs[L] as Float64Array;
    for (let i = 0; i < g.length; i++) g[i] = (hL[i] as number) / B;
    for (let l = L - 1; l >= 0; l--) {
      const h = hs[l + 1] as Float64Array;
      for (let i = 0; i < gz.length; i++) gz[i] = (g[i] as number) * (1 - (h[i] as number) * (h[i] as number));
      mm(gz, hs[l] as Float64Array, dW, n, n, B, TRANS_A); // dW = dZᵀ·H
      let ss = 0;
      for (let i = 0; i < dW.length; i++) ss += (dW[i] as number) * (dW[i] as number);
      norms[l] = Math.sqrt(ss);
      mm(gz, Ws[l] as Float64Array, g, B, n, n); // dH = dZ·W
    }
    return norms;
  };
}

function timeIt(fn: () => unknown, runs: number): number[] {
  for (let i = 0; i < 3; i++) fn(); // warm-up (JIT tiers, wasm tier-up)
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ts.push(performance.now() - t);
  }
  return ts;
}

async function timeItAsync(fn: () => unknown, runs: number): Promise<number[]> {
  for (let i = 0; i < 3; i++) await fn();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ts.push(performance.now() - t);
  }
  return ts;
}

// ---- the engine, when lib/sim exposes it ----------------------------------------------------------

type Simulate = (config: Record<string, unknown>) => unknown;
interface Engine {
  /** The whole public call, as a user waits for it (weights drawn, pass, statistics, result). */
  simulate: Simulate | null;
  /** The engine's own forward+backward on a model built once — what mlp_numpy.py times. */
  makePass: ((config: Record<string, unknown>) => () => unknown) | null;
  why: string;
}

/**
 * The engine, loaded by URL so that this script neither type-depends on lib/sim's internals nor
 * fails when they move: lib/sim/index.ts `simulate`, and lib/sim/build.ts `createModel(config)`
 * returning a model with `lossAndGrad()` (with the config parsed by index.ts `SimConfigSchema`).
 */
async function loadEngine(): Promise<Engine> {
  const engine: Engine = { simulate: null, makePass: null, why: "" };
  const index = join(ROOT, "lib/sim/index.ts");
  if (!existsSync(index)) return { ...engine, why: "lib/sim/index.ts not found" };
  let mod: Record<string, unknown>;
  try {
    mod = (await import(new URL("../lib/sim/index.ts", import.meta.url).href)) as Record<string, unknown>;
  } catch (e) {
    return { ...engine, why: `lib/sim/index.ts failed to load: ${(e as Error).message.split("\n")[0]}` };
  }
  if (typeof mod.simulate === "function") engine.simulate = mod.simulate as Simulate;
  else engine.why = "lib/sim/index.ts exports no simulate()";
  try {
    const build = (await import(new URL("../lib/sim/build.ts", import.meta.url).href)) as Record<string, unknown>;
    const schema = mod.SimConfigSchema as { parse?: (c: unknown) => unknown } | undefined;
    const createModel = build.createModel as ((c: unknown) => { lossAndGrad?: () => number }) | undefined;
    if (typeof createModel === "function" && typeof schema?.parse === "function") {
      const parse = schema.parse.bind(schema);
      engine.makePass = (config) => {
        const model = createModel(parse(config));
        if (typeof model.lossAndGrad !== "function") throw new Error("model has no lossAndGrad()");
        return () => model.lossAndGrad?.();
      };
    }
  } catch {
    // no pass-level entry point: the whole simulate() call is still timed
  }
  return engine;
}

const engineConfig = (s: Shape) => ({
  model: "mlp",
  depth: s.L,
  width: s.n,
  batch: s.B,
  activation: "tanh",
  init: "xavier",
  norm: "none",
  residual: false,
  seed: 0,
});

// ---- the numpy reference and the TF.js peer -------------------------------------------------------

/** The reference's environment: one thread, and OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE unset together. */
function numpyEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1" };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

const NUMPY_SCRIPT = join(SHARED_BENCH, "mlp_numpy.py");

/** Which numpy, OpenBLAS and OpenBLAS kernel the reference runs (null if python3/numpy is missing). */
function numpyInfo(): { ok: boolean; text: string } {
  const probe = `
import ctypes, numpy
libs = sorted({l.split()[-1] for l in open('/proc/self/maps') if 'openblas' in l.lower() and '/' in l})
core, conf = '?', ''
for p in libs:
    lib = ctypes.CDLL(p)
    for name in ('scipy_openblas_get_corename64_', 'scipy_openblas_get_corename', 'openblas_get_corename64_', 'openblas_get_corename'):
        if hasattr(lib, name):
            f = getattr(lib, name); f.restype = ctypes.c_char_p; core = f().decode()
    for name in ('scipy_openblas_get_config64_', 'scipy_openblas_get_config', 'openblas_get_config64_', 'openblas_get_config'):
        if hasattr(lib, name):
            f = getattr(lib, name); f.restype = ctypes.c_char_p; conf = f().decode().split()[1] if len(f().decode().split()) > 1 else ''
print(f"numpy {numpy.__version__}, OpenBLAS {conf or '?'}, kernel {core}")
`;
  const r = spawnSync("python3", ["-c", probe], { env: numpyEnv(), encoding: "utf8" });
  if (r.error) return { ok: false, text: `python3 not available (${r.error.message}): numpy reference skipped` };
  if (r.status !== 0) {
    const msg = (r.stderr || "").trim().split("\n").pop() ?? "";
    return { ok: false, text: `numpy not available (${msg}): numpy reference skipped` };
  }
  return { ok: true, text: r.stdout.trim() };
}

/** One run of mlp_numpy.py (it times 20 passes after a warm-up and prints the median). */
function runNumpy(s: Shape): number | null {
  const r = spawnSync("python3", [NUMPY_SCRIPT, String(s.L), String(s.n), String(s.B)], {
    env: numpyEnv(),
    encoding: "utf8",
  });
  const m = /median ([\d.]+) ms/.exec(r.stdout ?? "");
  return m ? Number(m[1]) : null;
}

function tfjsAvailable(): boolean {
  return (
    existsSync(join(TFJS_DIR, "node_modules/@tensorflow/tfjs")) &&
    existsSync(join(TFJS_DIR, "node_modules/@tensorflow/tfjs-backend-wasm"))
  );
}

/** One run of mlp_tfjs.mjs with the wasm backend, fed on stdin so its imports resolve in TFJS_DIR. */
function runTfjs(s: Shape): number | null {
  const script = join(SHARED_BENCH, "mlp_tfjs.mjs");
  if (!existsSync(script)) return null;
  const r = spawnSync(process.execPath, ["--input-type=module", "-", "wasm", String(s.L), String(s.n), String(s.B)], {
    cwd: TFJS_DIR,
    input: readFileSync(script, "utf8"),
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  const m = /median ([\d.]+) ms/.exec(r.stdout ?? "");
  return m ? Number(m[1]) : null;
}

// ---- main -----------------------------------------------------------------------------------------

interface Row {
  shape: Shape;
  what: string;
  ms: number;
  spread: [number, number];
  numpy: number | null;
  ratio: number | null;
  ratioSpread: [number, number] | null;
}

const fmt = (v: number, d = 1) => v.toFixed(d);

/** A markdown table with padded columns (as the repository's formatter lays tables out). */
function markdownTable(cells: string[][]): string[] {
  const widths = (cells[0] as string[]).map((_, c) => Math.max(3, ...cells.map((row) => (row[c] ?? "").length)));
  const line = (row: string[]) => `| ${row.map((v, c) => v.padEnd(widths[c] as number)).join(" | ")} |`;
  const [head, ...body] = cells;
  return [line(head as string[]), line(widths.map((w) => "-".repeat(w))), ...body.map(line)];
}

async function main() {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const info = numpyInfo();
  const engine = await loadEngine();
  const haveTfjs = tfjsAvailable();
  console.log(
    `GradLab bench — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpu} (${cpus().length} cores), single thread`,
  );
  console.log(`gemm kernel: ${gemmKernelName()}`);
  console.log(
    `reference:   ${info.ok ? `${info.text}; OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1, OPENBLAS_CORETYPE/L2_SIZE unset` : info.text}`,
  );
  const engineParts = [
    engine.makePass ? "createModel(config).lossAndGrad() (the pass alone)" : "",
    engine.simulate ? "simulate(config) (the whole call)" : "",
  ].filter(Boolean);
  console.log(
    `engine:      ${engineParts.length ? `lib/sim ${engineParts.join(" and ")}` : `${engine.why} — timing the self-contained pass only`}`,
  );
  console.log(
    `TF.js peer:  ${haveTfjs ? `${TFJS_DIR} (wasm backend, float32)` : `not installed in ${TFJS_DIR} — skipped`}`,
  );
  console.log(
    `method:      median of ${RUNS} passes after 3 warm-up passes; ${ROUNDS} rounds alternating ours and numpy (median of 20) — median round [min–max]`,
  );
  console.log("");

  const rows: Row[] = [];
  const tfjs: Record<string, number | null> = {};

  for (const s of SHAPES) {
    const pass = makeMlp(s, gemm);
    // Sanity: the kernel gives the same bits as the plain loop (checked on the small net only: cheap).
    if (s.name === "small") {
      const a = makeMlp(s, gemm)(),
        b = makeMlp(s, gemmNaive)();
      const same = a.every((v, i) => Object.is(v, b[i]));
      console.log(`check: ${s.name} pass bit-identical to the plain-loop gemm: ${same ? "yes" : "NO"}`);
      if (!same) process.exitCode = 1;
    }
    let enginePass: (() => unknown) | null = null;
    if (engine.makePass) {
      try {
        enginePass = engine.makePass(engineConfig(s));
      } catch (e) {
        console.log(`engine pass skipped: ${(e as Error).message.split("\n")[0]}`);
      }
    }
    const ours: number[] = [];
    const engPass: number[] = [];
    const eng: number[] = [];
    const np: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      ours.push(median(timeIt(pass, RUNS)));
      if (enginePass) engPass.push(median(timeIt(enginePass, RUNS)));
      if (engine.simulate) {
        const sim = engine.simulate;
        const cfg = engineConfig(s);
        eng.push(median(await timeItAsync(() => sim(cfg), RUNS)));
      }
      if (info.ok) {
        const v = runNumpy(s);
        if (v !== null) np.push(v);
      }
    }
    const npMed = np.length ? median(np) : null;
    const mk = (what: string, xs: number[]): Row => {
      const ratios = np.length === xs.length ? xs.map((x, i) => x / (np[i] as number)) : null;
      return {
        shape: s,
        what,
        ms: median(xs),
        spread: [Math.min(...xs), Math.max(...xs)],
        numpy: npMed,
        ratio: ratios ? median(ratios) : null,
        ratioSpread: ratios ? [Math.min(...ratios), Math.max(...ratios)] : null,
      };
    };
    rows.push(mk("gemm pass", ours));
    if (engPass.length) rows.push(mk("engine pass", engPass));
    if (eng.length) rows.push(mk("engine simulate(), whole call", eng));
    tfjs[s.name] = haveTfjs ? runTfjs(s) : null;
  }

  const cells: string[][] = [
    ["net", "timed", "ours ms [spread]", "GFLOP/s", "numpy ms", "ours/numpy [spread]", "target"],
  ];
  for (const r of rows) {
    const s = r.shape;
    const ok = r.ratio === null ? "" : r.ratio <= s.target ? " ✓" : " ✗";
    // The target is on the pass (numpy times the pass alone); simulate() also draws the weights
    // and computes the statistics, so its ratio is shown for information only.
    const target = r.what.startsWith("engine simulate") ? "(whole call)" : `≤ ${s.target}×${ok}`;
    cells.push([
      `${s.name} L=${s.L} n=${s.n} B=${s.B}`,
      r.what,
      `${fmt(r.ms)} [${fmt(r.spread[0])}–${fmt(r.spread[1])}]`,
      fmt(flops(s) / r.ms / 1e6, 2),
      r.numpy === null ? "skipped" : fmt(r.numpy),
      r.ratio === null || r.ratioSpread === null
        ? "–"
        : `${fmt(r.ratio, 2)}× [${fmt(r.ratioSpread[0], 2)}–${fmt(r.ratioSpread[1], 2)}]`,
      target,
    ]);
  }
  for (const s of SHAPES) {
    const t = tfjs[s.name];
    if (t != null) {
      const np = rows.find((r) => r.shape === s && r.numpy !== null)?.numpy ?? null;
      cells.push([
        `${s.name} L=${s.L} n=${s.n} B=${s.B}`,
        "TF.js-wasm f32 (peer)",
        fmt(t),
        fmt(flops(s) / t / 1e6, 2),
        np === null ? "–" : fmt(np),
        np === null ? "–" : `${fmt(t / np, 2)}× (one run)`,
        "–",
      ]);
    }
  }
  const lines = markdownTable(cells);
  console.log("");
  console.log(lines.join("\n"));

  if (WRITE) {
    const doc = join(ROOT, "docs/benchmarks.md");
    const START = "<!-- bench:figures:start -->";
    const END = "<!-- bench:figures:end -->";
    const block = [
      START,
      `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench -- --write\` — node ${process.version}, ${cpu}, ` +
        `gemm kernel \`${gemmKernelName()}\`; reference ${info.text}; median of ${RUNS} passes, ${ROUNDS} rounds.`,
      "",
      ...lines,
      END,
    ].join("\n");
    const text = existsSync(doc) ? readFileSync(doc, "utf8") : `# Benchmarks\n\n## Figures\n\n${START}\n${END}\n`;
    const i = text.indexOf(START),
      j = text.indexOf(END);
    const next =
      i >= 0 && j > i
        ? text.slice(0, i) + block + text.slice(j + END.length)
        : `${text.trimEnd()}\n\n## Figures\n\n${block}\n`;
    writeFileSync(doc, next);
    console.log(`\nwrote the figures section of ${doc}`);
  }
}

await main();
