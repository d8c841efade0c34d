/**
 * `npm run bench` — how fast the engine is against numpy/OpenBLAS doing the same work in the same
 * run (one thread each), as ratios ours / numpy (issues 3 and 15):
 *
 *   the pass       one forward+backward of the reference MLPs — the engine's own
 *                  (createModel(config).lossAndGrad()) and a self-contained pass on the gemm
 *                  kernel — against ../shared/bench/mlp_numpy.py;
 *   the whole call simulate(config): weights, inputs and targets drawn, the pass, every per-layer
 *                  statistic, the result — against ../shared/bench/mlp_numpy_simulate.py, which
 *                  does the same in numpy;
 *   orthogonal init the engine's QR of 50 Gaussian 256×256 matrices against np.linalg.qr on the
 *                  same matrices (written to a temporary file), with the two Q compared.
 *
 *   npx tsx scripts/bench.ts [--write] [--runs N] [--rounds R] [--only large|small|qr] [--kernel K]
 *
 *   --write    update the figures section of docs/benchmarks.md (otherwise nothing is written)
 *   --runs N   timed runs per measurement, after warm-up (default 15; the median is reported)
 *   --rounds R measurements of ours and numpy, alternated (default 3; the median round is
 *              reported with the spread of all rounds — the machine is shared, so look at both)
 *   --kernel K gemm kernel: auto (default: wasm SIMD where available), wasm, or js (the fallback)
 *   --only S   large, small or qr: one part only
 *
 * Environment: TFJS_BENCH_DIR (default /tmp/tfjs-bench) is where @tensorflow/tfjs@4.22 and
 * @tensorflow/tfjs-backend-wasm@4.22 are installed for the TF.js peer; absent → skipped.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createModel } from "../lib/sim/build";
import { SimConfigSchema, simulate } from "../lib/sim/index";
import { gemm, gemmKernelName, gemmNaive, setGemmKernel } from "../lib/sim/kernels/gemm";
import { orthogonalFromQr } from "../lib/sim/qr";
import { Rng } from "../lib/sim/rng";
import { inKernelArena } from "../lib/sim/simulate";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** The anchors' folder, ../shared/bench beside the repository (a worktree under /work/wt/ looks one level up too). */
const SHARED_BENCH =
  [resolve(ROOT, "../shared/bench"), resolve(ROOT, "../../shared/bench")].find((d) => existsSync(d)) ??
  resolve(ROOT, "../shared/bench");
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
  /** allowed ratio ours / numpy for the engine pass (issue 15 for the large net, issue 3 for the small) */
  passTarget: number;
}
const SHAPES: Shape[] = [
  { name: "large", L: 50, n: 256, B: 64, passTarget: 1.5 },
  { name: "small", L: 20, n: 64, B: 64, passTarget: 5 },
].filter((s) => !ONLY || s.name === ONLY) as Shape[];
/** allowed ratio ours / numpy for the whole simulate() call (issue 15, both nets) */
const CALL_TARGET = 1.5;
/** The orthogonal-init comparison: 50 layers of width 256, and its target (issue 15). */
const QR = { L: 50, n: 256, target: 2, runs: 5 };

const passFlops = (s: Shape) => s.L * 3 * 2 * s.B * s.n * s.n;
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

/** Per-run times (ms) of fn after `warmup` untimed runs (JIT tiers, wasm tier-up). */
function timeIt(fn: () => unknown, runs: number, warmup = 3): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ts.push(performance.now() - t);
  }
  return ts;
}

// ---- the engine ------------------------------------------------------------------------------------

const engineConfig = (s: Shape) =>
  SimConfigSchema.parse({
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

/**
 * The engine's forward+backward on a model built once per measurement, its arrays in the kernel's
 * arena as simulate() builds them — the region mlp_numpy.py times. Returns the run times.
 */
function timeEnginePass(s: Shape): number[] {
  const config = engineConfig(s);
  return inKernelArena(config, () => {
    const model = createModel(config);
    return timeIt(() => model.lossAndGrad(), RUNS);
  });
}

/** The whole public call as a user waits for it, a fresh seed each time as numpy's anchor does. */
function engineCall(s: Shape): () => unknown {
  const config = engineConfig(s);
  let seed = 0;
  return () => simulate({ ...config, seed: seed++ });
}

// ---- the numpy reference and the TF.js peer -------------------------------------------------------

/** The reference's environment: one thread, and OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE unset together. */
function numpyEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1" };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

/** Which numpy, OpenBLAS and OpenBLAS kernel the reference runs (ok false if python3/numpy is missing). */
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

/** One run of a python script that prints "median X ms"; its other output lines are returned too. */
function runPython(args: string[]): { ms: number | null; out: string } {
  const r = spawnSync("python3", args, { env: numpyEnv(), encoding: "utf8" });
  const m = /median ([\d.]+) ms/.exec(r.stdout ?? "");
  if (!m) console.log(`python3 ${args[0]} failed: ${(r.stderr || r.stdout || "").trim().split("\n").pop()}`);
  return { ms: m ? Number(m[1]) : null, out: r.stdout ?? "" };
}

const numpyPass = (s: Shape) => runPython([join(SHARED_BENCH, "mlp_numpy.py"), `${s.L}`, `${s.n}`, `${s.B}`]).ms;
const numpyCall = (s: Shape) =>
  runPython([join(SHARED_BENCH, "mlp_numpy_simulate.py"), `${s.L}`, `${s.n}`, `${s.B}`]).ms;

/**
 * np.linalg.qr on the L matrices in `aFile` (float64, row-major), with the sign fix
 * Q·diag(sign(R_ii)) the engine applies; median of `runs` timings of all L, and the largest
 * |Q_numpy − Q_ours| against the engine's Q in `qFile`.
 */
const QR_SCRIPT = `
import sys, time, numpy as np
a_file, q_file, L, n, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
A = np.fromfile(a_file, dtype='<f8').reshape(L, n, n)
def orth(M):
    Q, R = np.linalg.qr(M)
    return Q * np.sign(np.diag(R))
Qs = [orth(M) for M in A]
ts = []
for _ in range(runs):
    t = time.perf_counter()
    Qs = [orth(M) for M in A]
    ts.append(time.perf_counter() - t)
ts.sort()
ours = np.fromfile(q_file, dtype='<f8').reshape(L, n, n)
print(f"max |Q - Q_ours| {np.abs(np.stack(Qs) - ours).max():.3e}")
print(f"np.linalg.qr x{L} n={n}: median {ts[len(ts)//2]*1e3:.2f} ms")
`;

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

// ---- measurements -----------------------------------------------------------------------------------

/** One line of the table: our per-round medians against the anchor's, round by round. */
interface Row {
  net: string;
  what: string;
  anchor: string;
  /** matrix-product flops of one run, for GFLOP/s (0 = not shown) */
  flops: number;
  ours: number[];
  numpy: number[];
  target: number | null;
}

const fmt = (v: number, d = 1) => v.toFixed(d);

function rowCells(r: Row): string[] {
  const ms = median(r.ours);
  const paired = r.numpy.length === r.ours.length && r.numpy.length > 0;
  const ratios = paired ? r.ours.map((x, i) => x / (r.numpy[i] as number)) : [];
  const ratio = paired ? median(ratios) : null;
  const ok = ratio === null || r.target === null ? "" : ratio <= r.target ? " ✓" : " ✗";
  return [
    r.net,
    r.what,
    `${fmt(ms)} [${fmt(Math.min(...r.ours))}–${fmt(Math.max(...r.ours))}]`,
    r.flops ? fmt(r.flops / ms / 1e6, 2) : "–",
    r.anchor,
    paired ? fmt(median(r.numpy)) : "skipped",
    ratio === null ? "–" : `${fmt(ratio, 2)}× [${fmt(Math.min(...ratios), 2)}–${fmt(Math.max(...ratios), 2)}]`,
    r.target === null ? "–" : `≤ ${r.target}×${ok}`,
  ];
}

/** A markdown table with padded columns (as the repository's formatter lays tables out). */
function markdownTable(cells: string[][]): string[] {
  const widths = (cells[0] as string[]).map((_, c) => Math.max(3, ...cells.map((row) => (row[c] ?? "").length)));
  const line = (row: string[]) => `| ${row.map((v, c) => v.padEnd(widths[c] as number)).join(" | ")} |`;
  const [head, ...body] = cells;
  return [line(head as string[]), line(widths.map((w) => "-".repeat(w))), ...body.map(line)];
}

/** The MLP rows of one net: gemm pass and engine pass against numpy's pass, simulate() against its whole call. */
function benchNet(s: Shape, withNumpy: boolean): Row[] {
  const net = `${s.name} L=${s.L} n=${s.n} B=${s.B}`;
  const pass = makeMlp(s, gemm);
  if (s.name === "small") {
    // Sanity: the kernel gives the same bits as the plain loop (checked on the small net only: cheap).
    const a = makeMlp(s, gemm)();
    const b = makeMlp(s, gemmNaive)();
    const same = a.every((v, i) => Object.is(v, b[i]));
    console.log(`check: ${s.name} pass bit-identical to the plain-loop gemm: ${same ? "yes" : "NO"}`);
    if (!same) process.exitCode = 1;
  }
  const call = engineCall(s);
  const rows: Row[] = [
    {
      net,
      what: "gemm pass (kernel + Math.tanh)",
      anchor: "numpy pass",
      flops: passFlops(s),
      ours: [],
      numpy: [],
      target: null,
    },
    { net, what: "engine pass", anchor: "numpy pass", flops: passFlops(s), ours: [], numpy: [], target: s.passTarget },
    {
      net,
      what: "engine simulate(), whole call",
      anchor: "numpy whole call",
      flops: passFlops(s),
      ours: [],
      numpy: [],
      target: CALL_TARGET,
    },
  ];
  const [gemmRow, passRow, callRow] = rows as [Row, Row, Row];
  for (let r = 0; r < ROUNDS; r++) {
    gemmRow.ours.push(median(timeIt(pass, RUNS)));
    passRow.ours.push(median(timeEnginePass(s)));
    if (withNumpy) {
      const np = numpyPass(s);
      if (np !== null) {
        gemmRow.numpy.push(np);
        passRow.numpy.push(np);
      }
    }
    callRow.ours.push(median(timeIt(call, RUNS)));
    if (withNumpy) {
      const np = numpyCall(s);
      if (np !== null) callRow.numpy.push(np);
    }
  }
  return rows;
}

/** The engine's orthogonal init of L Gaussian n×n matrices against np.linalg.qr on the same ones. */
function benchQr(withNumpy: boolean): Row {
  const { L, n } = QR;
  const rng = new Rng(0, 1);
  const As = Array.from({ length: L }, () => rng.fillNormal(new Float64Array(n * n)));
  const init = () => As.map((A) => orthogonalFromQr(A, n));
  const row: Row = {
    net: `orthogonal ${L}×(${n}×${n})`,
    what: "engine QR (orthogonal init)",
    anchor: "np.linalg.qr",
    flops: 0,
    ours: [],
    numpy: [],
    target: QR.target,
  };
  const dir = mkdtempSync(join(tmpdir(), "gradlab-bench-"));
  const aFile = join(dir, "a.f64");
  const qFile = join(dir, "q.f64");
  const concat = (ms: Float64Array[]) => {
    const out = new Float64Array(L * n * n);
    ms.forEach((m, i) => {
      out.set(m, i * n * n);
    });
    return Buffer.from(out.buffer);
  };
  writeFileSync(aFile, concat(As));
  writeFileSync(qFile, concat(init()));
  try {
    for (let r = 0; r < ROUNDS; r++) {
      row.ours.push(median(timeIt(init, QR.runs, 1)));
      if (withNumpy) {
        const { ms, out } = runPython(["-c", QR_SCRIPT, aFile, qFile, `${L}`, `${n}`, `${QR.runs}`]);
        if (ms !== null) row.numpy.push(ms);
        if (r === 0)
          console.log(
            `check: orthogonal init, ${/max \|Q - Q_ours\| (\S+)/.exec(out)?.[0] ?? "no comparison"} (numpy's sign-fixed Q)`,
          );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return row;
}

// ---- main -----------------------------------------------------------------------------------------

function main() {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const info = numpyInfo();
  const haveTfjs = tfjsAvailable();
  const load = () =>
    loadavg()
      .map((v) => v.toFixed(1))
      .join(" ");
  const loadBefore = load();
  console.log(
    `GradLab bench — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpu} (${cpus().length} cores), single thread`,
  );
  console.log(`gemm kernel: ${gemmKernelName()}`);
  console.log(
    `reference:   ${info.ok ? `${info.text}; OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1, OPENBLAS_CORETYPE/L2_SIZE unset` : info.text}`,
  );
  console.log(
    `TF.js peer:  ${haveTfjs ? `${TFJS_DIR} (wasm backend, float32)` : `not installed in ${TFJS_DIR} — skipped`}`,
  );
  console.log(
    `method:      median of ${RUNS} runs after 3 warm-up runs (QR: ${QR.runs} after 1); ${ROUNDS} rounds alternating ours and numpy (each numpy script: median of 20 after 1) — median round [min–max]`,
  );
  console.log(`load average (1, 5, 15 min) at start: ${loadBefore}`);
  console.log("");

  const rows: Row[] = [];
  for (const s of SHAPES) rows.push(...benchNet(s, info.ok));
  if (!ONLY || ONLY === "qr") rows.push(benchQr(info.ok));

  const cells: string[][] = [
    ["net", "timed", "ours ms [spread]", "GFLOP/s", "anchor (numpy)", "anchor ms", "ours/anchor [spread]", "target"],
    ...rows.map(rowCells),
  ];
  for (const s of haveTfjs ? SHAPES : []) {
    const t = runTfjs(s);
    const np = rows.find((r) => r.net.startsWith(s.name) && r.anchor === "numpy pass")?.numpy ?? [];
    if (t !== null)
      cells.push([
        `${s.name} L=${s.L} n=${s.n} B=${s.B}`,
        "TF.js-wasm f32 (peer)",
        fmt(t),
        fmt(passFlops(s) / t / 1e6, 2),
        "numpy pass",
        np.length ? fmt(median(np)) : "–",
        np.length ? `${fmt(t / median(np), 2)}× (one run)` : "–",
        "–",
      ]);
  }
  const loadAfter = load();
  const lines = markdownTable(cells);
  console.log("");
  console.log(lines.join("\n"));
  console.log(`\nload average (1, 5, 15 min) at end: ${loadAfter}`);

  if (WRITE) {
    const doc = join(ROOT, "docs/benchmarks.md");
    const START = "<!-- bench:figures:start -->";
    const END = "<!-- bench:figures:end -->";
    const block = [
      START,
      `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench -- --write\` — node ${process.version}, ${cpu}, ` +
        `gemm kernel \`${gemmKernelName()}\`; reference ${info.text}; median of ${RUNS} runs, ${ROUNDS} rounds; ` +
        `load average ${loadBefore} at the start, ${loadAfter} at the end (1, 5, 15 min; 2 cores).`,
      "",
      ...lines,
      END,
    ].join("\n");
    const text = existsSync(doc) ? readFileSync(doc, "utf8") : `# Benchmarks\n\n## Figures\n\n${START}\n${END}\n`;
    const i = text.indexOf(START);
    const j = text.indexOf(END);
    const next =
      i >= 0 && j > i
        ? text.slice(0, i) + block + text.slice(j + END.length)
        : `${text.trimEnd()}\n\n## Figures\n\n${block}\n`;
    writeFileSync(doc, next);
    console.log(`\nwrote the figures section of ${doc}`);
  }
}

main();
