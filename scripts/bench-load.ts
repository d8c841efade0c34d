/**
 * `npm run bench:load` — the production server under load (issue 9): builds the app, starts it on
 * loopback on a fresh database (migrated and seeded like `npm start`), and drives it with
 * autocannon at 1, 8 and 32 connections:
 *
 *   /                               the baseline every other figure is divided by (same run)
 *   /questions                      the question list
 *   answer page, warm               /questions/he-initialization-factor-two?answer=1, its simulations cached
 *                                   (a visitor without a session: the server's page cache answers it, ADR 40)
 *   answer page, warm, guest        the same page for a guest per connection (their own page: rendered)
 *   answer page, cold               every answer page once, on a freshly started server (nothing cached)
 *   /lab                            three configs, cached
 *   GET /api/simulate, warm / cold  a mid config; cold: a new seed on every request
 *   POST /api/flashcards/review     a guest per connection, a new requestId per request
 *
 * then the same while 32 other clients flood the public lane with the costliest allowed config
 * (fresh seeds): `/` and the answer pages, warm and cold. Each connection is its own client (its
 * own X-Forwarded-For, believed because the bench server trusts loopback as its proxy), so the
 * figures measure the service, not one client's limits; the flood's own answers (200 / 429 / 503)
 * are counted. Latencies are per request (p50/p95/p99 ms); pages/s from completed 2xx-3xx answers.
 *
 *   npx tsx scripts/bench-load.ts [--write] [--no-build] [--duration S] [--port P]
 *
 *   --write      rewrite the figures section of docs/benchmarks.md (otherwise nothing is written)
 *   --no-build   use the existing build
 *   --duration S seconds per measurement (default 10)
 *   --only T,…   measure only the rows whose target is one of these (e.g. "/,/questions,answer page, warm"
 *                — separate with "|" when a target holds a comma); the others are left out of the table
 *   --connections N,…  only these connection counts (default 1,8,32)
 *
 * A benchmark, not a test: it asserts nothing; the targets are printed next to the figures.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { loadQuestionBank } from "../lib/content/load";
import { parseSimConfig, type SimConfig } from "../lib/sim/index";

const ROOT = path.resolve(import.meta.dirname, "..");
const argv = process.argv.slice(2);
const option = (name: string, dflt: string) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? (argv[i + 1] as string) : dflt;
};
const WRITE = argv.includes("--write");
const BUILD = !argv.includes("--no-build");
const DURATION = Number(option("--duration", "10"));
const PORT = Number(option("--port", "3512"));
const BASE = `http://127.0.0.1:${PORT}`;
const DB_FILE = path.join(ROOT, "tests/.tmp/bench-load.db");
/** The server's own output, for when something goes wrong (one file per run, appended across restarts). */
const SERVER_LOG = path.join(ROOT, "tests/.tmp/bench-load-server.log");
const CONNECTIONS = option("--connections", "1,8,32").split(",").map(Number);
const ONLY = argv.includes("--only") ? option("--only", "").split(option("--only", "").includes("|") ? "|" : ",") : [];
/** Whether a row is measured in this run (--only). */
const wanted = (target: string) => ONLY.length === 0 || ONLY.includes(target);
const ANSWER_SLUG = "he-initialization-factor-two";
const ANSWER = `/questions/${ANSWER_SLUG}?answer=1`;
const LAB =
  "/lab?a.model=mlp&a.depth=40&a.activation=tanh&b.model=lstm&b.steps=60&b.train.steps=30&c.model=rnn&c.steps=40";
const MID_CONFIG = "model=mlp&depth=20&width=64&batch=32&activation=tanh";

// ---- the server ---------------------------------------------------------------------------------

let server: ChildProcess | undefined;

async function startServer(): Promise<void> {
  server = spawn(process.execPath, [path.join(ROOT, ".server/server.mjs")], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(PORT),
      DATABASE_URL: `file:${DB_FILE}`,
      // the bench's connections speak for many clients through loopback, like a reverse proxy
      TRUSTED_PROXIES: "loopback",
    },
    stdio: ["ignore", openSync(SERVER_LOG, "a"), openSync(SERVER_LOG, "a")],
  });
  server.once("exit", (code, signal) => {
    if (code !== 0 && signal !== "SIGTERM") console.error(`the server exited (${code ?? signal}); see ${SERVER_LOG}`);
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${BASE}/api/questions`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("the server did not start");
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function stopServer(): Promise<void> {
  const child = server;
  server = undefined;
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** A fresh process: every cache (simulations, rendered pages) empty. */
async function restartServer(): Promise<void> {
  await stopServer();
  await startServer();
}

// ---- measuring ----------------------------------------------------------------------------------

type Figures = {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  rps: number;
  ok: number;
  refused: number;
  errors: number;
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

let clientCounter = 0;
/** A client address of its own for each connection: 10.x.y.z, believed through the loopback proxy. */
const newClientAddress = () => {
  const n = ++clientCounter;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

type Run = {
  path?: string;
  method?: "GET" | "POST";
  connections: number;
  duration?: number;
  amount?: number;
  body?: (i: number) => string;
  headers?: Record<string, string>;
  /** per request: a path that changes (cold pages, fresh seeds) */
  pathOf?: (i: number) => string;
  /** per connection: extra headers (a guest's cookie) */
  connectionHeaders?: (connection: number) => Record<string, string>;
};

async function measure(run: Run): Promise<Figures> {
  const latencies: number[] = [];
  let ok = 0;
  let refused = 0;
  let errors = 0;
  let requestIndex = 0;
  let connection = 0;
  const started = performance.now();
  let finish: (r: autocannon.Result) => void = () => {};
  let fail: (e: unknown) => void = () => {};
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: BASE,
      connections: run.connections,
      ...(run.amount ? { amount: run.amount } : { duration: run.duration ?? DURATION }),
      timeout: 60,
      requests: [
        {
          method: run.method ?? "GET",
          path: run.path ?? "/",
          setupRequest: (req: autocannon.Request) => {
            const i = requestIndex++;
            if (run.pathOf) req.path = run.pathOf(i);
            if (run.body) req.body = run.body(i);
            return req;
          },
        },
      ],
      setupClient: (client: autocannon.Client) => {
        const c = connection++;
        client.setHeaders({
          ...(run.headers ?? {}),
          ...(run.connectionHeaders?.(c) ?? {}),
          "x-forwarded-for": newClientAddress(),
        });
      },
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  instance.on("response", (_client: unknown, status: number, _bytes: number, time: number) => {
    latencies.push(time);
    if (status < 400) ok++;
    else if (status === 429 || status === 503) refused++;
    else errors++;
  });
  const result = await finished;
  const seconds = run.amount ? (performance.now() - started) / 1000 : result.duration;
  errors += result.errors + result.timeouts;
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? Number.NaN,
    rps: ok / seconds,
    ok,
    refused,
    errors,
  };
}

/** The costliest config the cost model admits in the family that was cheapest to abuse (issue 9). */
function costliestConfig(): SimConfig {
  let best: SimConfig | undefined;
  for (let steps = 50; steps <= 2000; steps += 10) {
    const parsed = parseSimConfig({
      model: "rnn",
      steps: 1,
      hidden: 128,
      inputs: 8,
      batch: 1,
      train: { steps, optimizer: "adam", clip: { mode: "value" } },
    });
    if (!parsed.ok) break;
    best = parsed.config;
  }
  if (!best) throw new Error("no costliest config");
  return best;
}

/** Starts the flood (32 clients posting the costliest config, fresh seeds); answers a stop that reports its counts. */
function startFlood(): { stop: () => Promise<Figures> } {
  const config = costliestConfig();
  let seed = 1;
  let stopped = false;
  const figures = { ok: 0, refused: 0, errors: 0 };
  const loops: Promise<void>[] = [];
  for (let c = 0; c < 32; c++) {
    const client = newClientAddress();
    loops.push(
      (async () => {
        while (!stopped) {
          try {
            const res = await fetch(`${BASE}/api/simulate`, {
              method: "POST",
              headers: { "content-type": "application/json", "x-forwarded-for": client },
              body: JSON.stringify({ ...config, seed: seed++ }),
            });
            await res.arrayBuffer();
            if (res.ok) figures.ok++;
            else if (res.status === 429 || res.status === 503) figures.refused++;
            else figures.errors++;
            // a refused client comes back at once: the flood never lets up
          } catch {
            figures.errors++;
          }
        }
      })(),
    );
  }
  return {
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
      return { p50: Number.NaN, p95: Number.NaN, p99: Number.NaN, max: Number.NaN, rps: 0, ...figures };
    },
  };
}

/** One guest per connection: the first review makes it; its cookie is the connection's. */
async function guestCookies(n: number, slug: string): Promise<string[]> {
  const cookies: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${BASE}/api/flashcards/review`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": newClientAddress() },
      body: JSON.stringify({ questionSlug: slug, rating: 3, requestId: randomUUID() }),
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("gradlab_session="));
    if (!cookie) throw new Error(`no guest cookie (status ${res.status})`);
    cookies.push(cookie.split(";")[0] as string);
  }
  return cookies;
}

// ---- the run ------------------------------------------------------------------------------------

type Row = { target: string; connections: number; figures: Figures; note?: string };

async function main(): Promise<void> {
  if (BUILD) execFileSync("npm", ["run", "-s", "build"], { cwd: ROOT, stdio: "inherit" });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(DB_FILE + suffix, { force: true });
  rmSync(SERVER_LOG, { force: true });
  execFileSync("npm", ["run", "-s", "db:setup"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${DB_FILE}` },
    stdio: "ignore",
  });
  const slugs = loadQuestionBank().map((l) => l.question.slug);
  const answerPaths = slugs.map((s) => `/questions/${s}?answer=1`);
  const load = [loadavg()[0]];
  const rows: Row[] = [];
  const record = (target: string, connections: number, figures: Figures, note?: string) => {
    rows.push({ target, connections, figures, note });
    console.log(
      `${target.padEnd(34)} c=${String(connections).padStart(2)}  p50 ${fmt(figures.p50)}  p95 ${fmt(figures.p95)}  p99 ${fmt(figures.p99)}  max ${fmt(figures.max)}  ${figures.rps.toFixed(1)}/s  ok ${figures.ok} refused ${figures.refused} errors ${figures.errors}${note ? `  (${note})` : ""}`,
    );
  };

  /** Measures a row unless --only leaves it out. */
  const row = async (target: string, connections: number, run: () => Run) => {
    if (wanted(target)) record(target, connections, await measure(run()));
  };

  try {
    await startServer();
    // warm: every page and config the warm runs use, once
    for (const p of ["/", "/questions", ANSWER, LAB, `/api/simulate?${MID_CONFIG}&seed=1`]) await fetch(BASE + p);
    const cookies = await guestCookies(32, slugs[0] as string);

    for (const c of CONNECTIONS) {
      await row("/", c, () => ({ path: "/", connections: c }));
      await row("/questions", c, () => ({ path: "/questions", connections: c }));
      await row("answer page, warm", c, () => ({ path: ANSWER, connections: c }));
      await row("answer page, warm, guest", c, () => ({
        path: ANSWER,
        connections: c,
        connectionHeaders: (i) => ({ cookie: cookies[i % cookies.length] as string }),
      }));
      await row("/lab (3 configs, cached)", c, () => ({ path: LAB, connections: c }));
      await row("GET /api/simulate, warm", c, () => ({ path: `/api/simulate?${MID_CONFIG}&seed=1`, connections: c }));
      let seed = 1000 * c;
      await row("GET /api/simulate, cold", c, () => ({
        connections: c,
        pathOf: () => `/api/simulate?${MID_CONFIG}&seed=${seed++}`,
      }));
      await row("POST /api/flashcards/review", c, () => ({
        method: "POST",
        path: "/api/flashcards/review",
        connections: c,
        headers: { "content-type": "application/json" },
        connectionHeaders: (i) => ({ cookie: cookies[i % cookies.length] as string }),
        body: (i) =>
          JSON.stringify({ questionSlug: slugs[i % slugs.length], rating: 1 + (i % 4), requestId: randomUUID() }),
      }));
    }
    // cold answer pages: every page once on a fresh process, per connection count
    for (const c of wanted("answer page, cold (every page once)") ? CONNECTIONS : []) {
      await restartServer();
      await fetch(`${BASE}/`); // the process itself warm, its caches empty
      await row("answer page, cold (every page once)", c, () => ({
        connections: c,
        amount: answerPaths.length,
        pathOf: (i) => answerPaths[i % answerPaths.length] as string,
      }));
    }
    load.push(loadavg()[0]);

    // under a flood of the costliest allowed simulations from 32 clients
    const FLOOD_ROWS = ["flood: answer page, cold (every page once)", "flood: /", "flood: answer page, warm"];
    if (!FLOOD_ROWS.some(wanted)) return finish();
    await restartServer();
    await fetch(`${BASE}/`);
    await fetch(BASE + ANSWER);
    const flood = startFlood();
    await new Promise((r) => setTimeout(r, 2000)); // let it fill the public lane
    await row("flood: answer page, cold (every page once)", 1, () => ({
      connections: 1,
      amount: answerPaths.length,
      pathOf: (i) => answerPaths[i] as string,
    }));
    for (const c of [8, 32]) await row("flood: /", c, () => ({ path: "/", connections: c }));
    await row("flood: answer page, warm", 8, () => ({ path: ANSWER, connections: 8 }));
    const floodFigures = await flood.stop();
    record("flood itself: POST /api/simulate (costliest)", 32, floodFigures, "32 clients, fresh seeds");
    load.push(loadavg()[0]);
  } finally {
    await stopServer();
  }
  await finish();

  async function finish(): Promise<void> {
    await stopServer();
    const markdown = report(rows, load);
    console.log(`\n${markdown}`);
    if (WRITE && ONLY.length > 0)
      console.log("--only: docs/benchmarks.md left alone (a partial run is not the section's table)");
    else if (WRITE) writeSection(markdown);
  }
}

const fmt = (ms: number) => (Number.isFinite(ms) ? `${Math.round(ms)}`.padStart(5) : "    –");

function report(rows: Row[], load: (number | undefined)[]): string {
  const home = (c: number) => rows.find((r) => r.target === "/" && r.connections === c)?.figures;
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:load -- --write\` — node ${process.version}, ${cpus().length} cores shared with other sessions (load average ${load.map((l) => l?.toFixed(1)).join(" → ")}), autocannon ${DURATION} s per row on the same machine as the server, loopback. Ratios are against \`/\` at the same number of connections in this run (under the flood: against the quiet \`/\`).`,
    "",
    "| target | conn. | p50 ms | p95 ms | p99 ms | max ms | ok/s | p95 ÷ `/` | refused (429/503) | errors |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const r of rows) {
    const base = home(r.connections);
    const ratio =
      base && r.target !== "/" && Number.isFinite(r.figures.p95) ? `${(r.figures.p95 / base.p95).toFixed(1)}×` : "–";
    lines.push(
      `| ${r.target}${r.note ? ` (${r.note})` : ""} | ${r.connections} | ${fmt(r.figures.p50).trim()} | ${fmt(r.figures.p95).trim()} | ${fmt(r.figures.p99).trim()} | ${fmt(r.figures.max).trim()} | ${r.figures.rps.toFixed(1)} | ${ratio} | ${r.figures.refused} | ${r.figures.errors} |`,
    );
  }
  return lines.join("\n");
}

function writeSection(markdown: string): void {
  const file = path.join(ROOT, "docs/benchmarks.md");
  const text = readFileSync(file, "utf8");
  const start = "<!-- bench:load:start -->";
  const end = "<!-- bench:load:end -->";
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < 0) throw new Error(`docs/benchmarks.md has no ${start} … ${end} section`);
  writeFileSync(file, `${text.slice(0, i + start.length)}\n${markdown}\n${text.slice(j)}`);
  console.log("docs/benchmarks.md updated");
}

main().catch(async (error) => {
  console.error(error);
  await stopServer();
  process.exit(1);
});
