/**
 * `npm run bench:import` — how long the largest progress import allowed takes, and how long other
 * learners wait meanwhile, against anchors measured in the same run: JSON.parse of the same file
 * and a plain indexed read. A benchmark, not a test: it asserts nothing.
 *
 *   npm run bench:import [-- --rounds 5] [-- --write]
 *   npx tsx scripts/postgres.ts --port 55473 -- npm run bench:import     # on PostgreSQL
 *
 * SQLite: a fresh, migrated and seeded database file in a temporary folder, removed at the end.
 * PostgreSQL: the database DATABASE_URL names (scripts/postgres.ts starts a throwaway one).
 * Each round wipes the learner's progress, then times validation (what the route does before it
 * writes: depth check, JSON.parse, the schema), the import (importProgress), the same file again
 * (nothing new: lookups only), and — while validation and import run — another learner reading
 * a question and saving its settings every 10 ms (the longest wait of each is reported).
 *   --write   put the figures into docs/benchmarks.md (between the bench:import markers)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { largestImportFile } from "./largest-import";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: { rounds: { type: "string", default: "3" }, write: { type: "boolean", default: false } },
});
const ROUNDS = Number(values.rounds);

const given = process.env.DATABASE_URL ?? "";
const onPostgres = /^postgres(ql)?:/.test(given);
const tmp = onPostgres ? null : mkdtempSync(path.join(tmpdir(), "gradlab-bench-import-"));
const url = tmp ? `file:${path.join(tmp, "bench.db")}` : given;
process.env.DATABASE_URL = url; // before any app module reads it

// the app's modules read DATABASE_URL when they load: imported only now
const { migrateDatabase } = await import("./migrate");
await migrateDatabase(url);
const [{ createPrismaClient }, { enableWal }, { seedQuestionBank }, { loadQuestionBank }] = await Promise.all([
  import("@/lib/db/create-client"),
  import("@/lib/db/driver"),
  import("@/lib/db/seed"),
  import("@/lib/content/load"),
]);
{
  const setup = createPrismaClient(url, { max: 2 });
  if (!onPostgres) await enableWal(setup);
  await seedQuestionBank(setup, loadQuestionBank());
  await setup.$disconnect();
}
const [{ prisma }, { exportProgress, wipeProgress }, { importProgress }, body, format, { writeTransaction }] =
  await Promise.all([
    import("@/lib/db/client.server"),
    import("@/lib/db/progress.server"),
    import("@/lib/db/progress-import.server"),
    import("@/lib/http/body"),
    import("@/lib/progress/export-format"),
    import("@/lib/db/transaction"),
  ]);

const now = () => performance.now();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function timed<T>(work: () => Promise<T> | T): Promise<[number, T]> {
  const start = now();
  const result = await work();
  return [now() - start, result];
}

/**
 * Another learner asks every 10 ms, while `work` runs, for a read and for a write: the longest
 * wait of each, counted from when it was asked for (a timer due in 10 ms) to its answer — so a
 * process whose event loop the import starves shows it, not just a slow query.
 */
async function whileOthersWork<T>(work: () => Promise<T>, otherId: string) {
  let running = true;
  const longest = { read: 0, write: 0 };
  const asking = (kind: "read" | "write", ask: () => Promise<unknown>) =>
    (async () => {
      while (running) {
        const askedAt = now() + 10;
        await new Promise((r) => setTimeout(r, 10));
        await ask();
        longest[kind] = Math.max(longest[kind], now() - askedAt);
      }
    })();
  const others = [
    asking("read", () => prisma.question.findFirst({ where: { published: true }, select: { id: true } })),
    asking("write", () =>
      writeTransaction(prisma, (tx) => tx.user.update({ where: { id: otherId }, data: { newCardsPerDay: 21 } })),
    ),
  ];
  await new Promise((r) => setTimeout(r, 30)); // both are asking
  const [ms, result] = await timed(work);
  running = false;
  await Promise.all(others);
  return { ms, result, ...longest };
}

const learner = await prisma.user.create({ data: { name: "bench importer", isAnonymous: false } });
const other = await prisma.user.create({ data: { name: "bench neighbour", isAnonymous: false } });
const question = await prisma.question.findFirstOrThrow({ orderBy: { position: "asc" } });
await prisma.attempt.create({
  data: { userId: learner.id, questionId: question.id, kind: "reveal", createdAt: new Date("2026-11-20T10:00:00Z") },
});
const { text, attempts } = largestImportFile(await exportProgress(learner.id));
const loadStart = loadavg();

type Round = Record<string, number>;
const rounds: Round[] = [];
for (let r = 0; r < ROUNDS; r++) {
  await wipeProgress(learner.id);
  const [parseMs] = await timed(() => JSON.parse(text));
  const selects: number[] = [];
  for (let i = 0; i < 20; i++)
    selects.push((await timed(() => prisma.question.findFirst({ select: { id: true } })))[0]);
  const validate = () => {
    if (body.jsonNestsDeeperThan(text, format.IMPORT_MAX_DEPTH)) throw new Error("too deep");
    return format.ProgressExportSchema.parse(JSON.parse(text));
  };
  const [validateMs, file] = await timed(validate);
  const fresh = await whileOthersWork(() => importProgress(learner.id, file), other.id);
  if (!fresh.result.ok || fresh.result.created.attempts !== attempts) throw new Error(JSON.stringify(fresh.result));
  const [againMs, again] = await timed(() => importProgress(learner.id, file));
  if (!again.ok || again.created.attempts !== 0) throw new Error(JSON.stringify(again));
  await wipeProgress(learner.id);
  const whole = await whileOthersWork(async () => importProgress(learner.id, validate()), other.id);
  rounds.push({
    parseMs,
    selectMs: median(selects),
    validateMs,
    importMs: fresh.ms,
    againMs,
    wholeMs: whole.ms,
    readImport: fresh.read,
    writeImport: fresh.write,
    readWhole: whole.read,
    writeWhole: whole.write,
  });
  console.log(
    `round ${r + 1}: ${JSON.stringify(Object.fromEntries(Object.entries(rounds.at(-1) ?? {}).map(([k, v]) => [k, Math.round(v)])))}`,
  );
}
const loadEnd = loadavg();
await prisma.$disconnect();
if (tmp) rmSync(tmp, { recursive: true, force: true });

const m = (key: string) => median(rounds.map((r) => r[key] ?? Number.NaN));
const spread = (key: string) => {
  const xs = rounds.map((r) => r[key] ?? Number.NaN);
  return `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
};
const parse = m("parseMs");
const select = m("selectMs");
const row = (what: string, key: string, anchor: "parse" | "select") => {
  const a = anchor === "parse" ? parse : select;
  return `| ${what} | ${m(key).toFixed(0)} [${spread(key)}] | ${(m(key) / a).toFixed(anchor === "parse" ? 1 : 0)}× ${anchor === "parse" ? "JSON.parse" : "SELECT"} |`;
};
const provider = onPostgres ? "PostgreSQL" : "SQLite";
const markdown = [
  `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:import${values.write ? " -- --write" : ""}\` on ${provider} — node ${process.version}; the largest file allowed: ${text.length.toLocaleString("en")} bytes, ${attempts.toLocaleString("en")} attempts; median of ${ROUNDS} rounds [min–max]; load average ${loadStart.map((x) => x.toFixed(1)).join(" ")} at the start, ${loadEnd.map((x) => x.toFixed(1)).join(" ")} at the end (1, 5, 15 min; 2 cores).`,
  "",
  `Anchors in the same run: JSON.parse of the file ${parse.toFixed(0)} ms, one indexed read ${select.toFixed(2)} ms.`,
  "",
  "| step | ms [spread] | ratio to anchor |",
  "| --- | --- | --- |",
  row("validation (depth check, JSON.parse, schema)", "validateMs", "parse"),
  row("import of the whole file (importProgress)", "importMs", "parse"),
  row("the same file again (nothing new)", "againMs", "parse"),
  row("validation + import", "wholeMs", "parse"),
  row("another learner's longest read during the import", "readImport", "select"),
  row("another learner's longest write during the import", "writeImport", "select"),
  row("another learner's longest read during validation + import", "readWhole", "select"),
  row("another learner's longest write during validation + import", "writeWhole", "select"),
].join("\n");
console.log(`\n${markdown}`);

if (values.write) {
  const docs = path.join(ROOT, "docs/benchmarks.md");
  const doc = readFileSync(docs, "utf8");
  const start = `<!-- bench:import:${onPostgres ? "postgres" : "sqlite"}:start -->`;
  const end = `<!-- bench:import:${onPostgres ? "postgres" : "sqlite"}:end -->`;
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i < 0 || j < 0) throw new Error(`docs/benchmarks.md has no ${start} … ${end} section`);
  writeFileSync(docs, `${doc.slice(0, i + start.length)}\n${markdown}\n${doc.slice(j)}`);
  console.log("docs/benchmarks.md updated");
}
