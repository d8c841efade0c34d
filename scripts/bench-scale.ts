/**
 * `npm run bench:scale` — requests/s and p95 latency through nginx for a question page (server-
 * rendered, with its simulation charts) and a review POST, on three topologies measured in the
 * same run (scripts/cluster.ts): SQLite with one app server (the anchor), PostgreSQL with one,
 * PostgreSQL with two. A benchmark script, not a test: it asserts nothing.
 *
 *   npm run bench:scale [-- --seconds 10] [-- --connections 16] [-- --write]
 *
 *   --write   put the figures into docs/scaling.md (between the bench markers)
 *
 * The review POSTs come from 64 guest learners (a fresh requestId each), so they measure a class,
 * not one learner's queue (a learner's own writes run one after another by design, ADR 19).
 */
import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { loadQuestionBank } from "@/lib/content/load";
import { type Cluster, startCluster } from "./cluster";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "16" },
    write: { type: "boolean", default: false },
  },
});
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const LEARNERS = 64;

const bank = loadQuestionBank().map((l) => l.question);
const pageSlug = bank.find((q) => q.scenarios.length > 0)?.slug ?? bank[0]?.slug ?? "";
const cardSlugs = bank.filter((q) => q.type === "flashcard").map((q) => q.slug);

type Figure = { rps: number; p95: number; errors: number };

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? Number.NaN;
}

async function measure(options: autocannon.Options): Promise<Figure> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options }, (error, r) =>
      error ? reject(error) : resolve(r),
    );
    instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  return { rps: result.requests.average, p95: p95(latencies), errors: result.errors + result.non2xx };
}

/** Guest learners: each gets its session cookie from a first review. */
async function learners(base: string): Promise<string[]> {
  const cookies: string[] = [];
  for (let i = 0; i < LEARNERS; i++) {
    const res = await fetch(`${base}/api/flashcards/review`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify({ questionSlug: cardSlugs[0], rating: 3, requestId: randomUUID() }),
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("gradlab_session="));
    if (!cookie) throw new Error(`no guest session (status ${res.status})`);
    cookies.push(cookie.split(";")[0] ?? "");
  }
  return cookies;
}

async function bench(cluster: Cluster) {
  const base = cluster.url;
  await measure({ url: `${base}/questions/${pageSlug}`, duration: 3 }); // warm-up: caches, JIT, pools
  const page = await measure({ url: `${base}/questions/${pageSlug}` });
  const cookies = await learners(base);
  let n = 0;
  const review = await measure({
    url: `${base}/api/flashcards/review`,
    requests: [
      {
        method: "POST",
        setupRequest: (req) => {
          n++;
          return {
            ...req,
            headers: { "content-type": "application/json", origin: base, cookie: cookies[n % cookies.length] ?? "" },
            body: JSON.stringify({ questionSlug: cardSlugs[n % cardSlugs.length], rating: 3, requestId: randomUUID() }),
          };
        },
      },
    ],
  });
  return { page, review };
}

const TOPOLOGIES = [
  { label: "SQLite, 1 app server", database: "sqlite" as const, instances: 1 },
  { label: "PostgreSQL, 1 app server", database: "postgres" as const, instances: 1 },
  { label: "PostgreSQL, 2 app servers", database: "postgres" as const, instances: 2 },
];

const rows: { label: string; page: Figure; review: Figure }[] = [];
for (const t of TOPOLOGIES) {
  console.log(`\n${t.label}…`);
  const cluster = await startCluster({ database: t.database, instances: t.instances });
  try {
    rows.push({ label: t.label, ...(await bench(cluster)) });
  } finally {
    cluster.stop();
  }
  await new Promise((r) => setTimeout(r, 2000));
}

const anchor = rows[0];
const fmt = (f: Figure, a: Figure | undefined) =>
  `${f.rps.toFixed(1)} req/s (${a ? (f.rps / a.rps).toFixed(2) : "–"}×), p95 ${f.p95.toFixed(0)} ms${f.errors ? `, ${f.errors} errors` : ""}`;
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:scale\` (${SECONDS} s per figure, ${CONNECTIONS} connections, ` +
    `through nginx; ${cpus().length} cores shared by the database, the app servers, nginx and the load generator). ` +
    "Ratios are against SQLite with one app server, measured in the same run.",
  "",
  `| topology | question page (\`/questions/${pageSlug}\`) | review POST (${LEARNERS} learners) |`,
  "| --- | --- | --- |",
  ...rows.map((r) => `| ${r.label} | ${fmt(r.page, anchor?.page)} | ${fmt(r.review, anchor?.review)} |`),
].join("\n");
console.log(`\n${table}`);

if (values.write) {
  const file = path.join(ROOT, "docs/scaling.md");
  const text = readFileSync(file, "utf8");
  const start = "<!-- bench:scale -->";
  const end = "<!-- /bench:scale -->";
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i === -1 || j === -1) throw new Error(`docs/scaling.md has no ${start} … ${end} markers`);
  writeFileSync(file, `${text.slice(0, i + start.length)}\n${table}\n${text.slice(j)}`);
  console.log("wrote docs/scaling.md");
}
