/**
 * Moves an installation to another database: every row of every table (users, accounts,
 * sessions, attempts, cards, reviews, quiz sessions, settings, the question bank they refer to),
 * ids kept, in one transaction on the target, then verified table by table (row counts and a
 * SHA-256 over the rows in primary-key order, the same on both providers).
 *
 *   npm run db:copy -- --from file:data/gradlab.db --to postgresql://user:pass@host:5432/gradlab
 *
 * - The target is migrated first (the same migrations `npm run db:setup` applies).
 * - A target that already holds rows is refused, unless it is already an exact copy (then this
 *   only verifies it: safe to rerun) or `--replace` is given (its rows are deleted first, in the
 *   same transaction). A failure leaves the target as it was.
 * - Not copied: RateLimit (counters that expire within minutes) and the migration bookkeeping.
 *
 * Which tables, in which order, which Json columns may be SQL NULL: read from the one data
 * model, prisma/models.prisma. The app writes SQL NULL (never JSON null) into optional Json
 * columns, so that is what an optional Json null is copied as.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createPrismaClient } from "@/lib/db/create-client";
import { databaseProvider } from "@/lib/db/driver";
import { describeDatabaseError } from "@/lib/db/errors";
import { jsonNulls, type PrismaClient } from "@/lib/db/prisma";
import { maskDatabaseUrl } from "@/lib/env";
import { migrateDatabase } from "./migrate";

const ROOT = path.resolve(import.meta.dirname, "..");
const NOT_COPIED = new Set(["RateLimit"]);
const BATCH = 500;

export type ModelShape = {
  name: string;
  /** Prisma's delegate name (user, quizSession…) */
  delegate: string;
  primaryKey: string[];
  scalars: { name: string; type: string; optional: boolean }[];
  dependsOn: string[];
};

const SCALARS = new Set(["String", "Int", "BigInt", "Float", "Boolean", "DateTime", "Json", "Decimal", "Bytes"]);

/** The models of prisma/models.prisma, parents before children (foreign keys point backwards). */
export function readModels(source = readFileSync(path.join(ROOT, "prisma/models.prisma"), "utf8")): ModelShape[] {
  const models: ModelShape[] = [];
  for (const [, name = "", body = ""] of source.matchAll(/^model (\w+) \{\n([\s\S]*?)^\}/gm)) {
    const model: ModelShape = {
      name,
      delegate: name[0]?.toLowerCase() + name.slice(1),
      primaryKey: [],
      scalars: [],
      dependsOn: [],
    };
    for (const raw of body.split("\n")) {
      const line = raw.replace(/\/\/.*$/, "").trim();
      const compound = /^@@id\(\[([^\]]+)\]\)/.exec(line);
      if (compound?.[1]) model.primaryKey = compound[1].split(",").map((s) => s.trim());
      const field = /^(\w+)\s+(\w+)(\?|\[\])?(.*)$/.exec(line);
      if (!field) continue;
      const [, fieldName = "", type = "", modifier, rest = ""] = field;
      if (SCALARS.has(type)) {
        model.scalars.push({ name: fieldName, type, optional: modifier === "?" });
        if (/@id\b/.test(rest)) model.primaryKey = [fieldName];
      } else if (/@relation\(.*fields:/.test(rest)) {
        model.dependsOn.push(type);
      }
    }
    models.push(model);
  }
  const ordered: ModelShape[] = [];
  const placed = new Set<string>();
  while (ordered.length < models.length) {
    const next = models.find((m) => !placed.has(m.name) && m.dependsOn.every((d) => d === m.name || placed.has(d)));
    if (!next) throw new Error("prisma/models.prisma has a cycle of required relations");
    ordered.push(next);
    placed.add(next.name);
  }
  return ordered;
}

type Row = Record<string, unknown>;
type Delegate = {
  findMany(args: object): Promise<Row[]>;
  count(): Promise<number>;
  createMany(args: { data: Row[] }): Promise<{ count: number }>;
  deleteMany(args?: object): Promise<{ count: number }>;
};
const delegate = (client: object, model: ModelShape) =>
  (client as Record<string, Delegate>)[model.delegate] as Delegate;
const orderBy = (model: ModelShape) => model.primaryKey.map((k) => ({ [k]: "asc" as const }));

/** A value as text that is the same whichever database it was read from. */
function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Row)[k])]),
    );
  }
  return value;
}

export type TableReport = { table: string; rows: number; checksum: string };

/** Row count and checksum of every copied table. */
export async function fingerprint(client: PrismaClient, models = readModels()): Promise<TableReport[]> {
  const reports: TableReport[] = [];
  for (const model of models.filter((m) => !NOT_COPIED.has(m.name))) {
    const hash = createHash("sha256");
    let rows = 0;
    for (let skip = 0; ; skip += BATCH) {
      const page = await delegate(client, model).findMany({ orderBy: orderBy(model), skip, take: BATCH });
      for (const row of page) hash.update(`${JSON.stringify(canonical(row))}\n`);
      rows += page.length;
      if (page.length < BATCH) break;
    }
    reports.push({ table: model.name, rows, checksum: hash.digest("hex") });
  }
  return reports;
}

function toWrite(client: PrismaClient, model: ModelShape, row: Row): Row {
  const nulls = jsonNulls(client);
  const out: Row = { ...row };
  for (const field of model.scalars) {
    if (field.type === "Json" && row[field.name] === null)
      out[field.name] = field.optional ? nulls.DbNull : nulls.JsonNull;
  }
  return out;
}

export type CopyResult = { status: "copied" | "already-copied"; tables: TableReport[] };

export async function copyDatabase(fromUrl: string, toUrl: string, { replace = false } = {}): Promise<CopyResult> {
  if (fromUrl === toUrl) throw new Error("--from and --to name the same database");
  const models = readModels().filter((m) => !NOT_COPIED.has(m.name));
  const from = createPrismaClient(fromUrl, { max: 2 });
  const to = createPrismaClient(toUrl, { max: 2 });
  try {
    // Each side's failure names that side (password masked).
    await from.$queryRawUnsafe("SELECT 1").catch((e) => {
      throw new Error(describeDatabaseError(fromUrl, e));
    });
    await migrateDatabase(toUrl).catch((e) => {
      throw new Error(describeDatabaseError(toUrl, e));
    });
    const source = await fingerprint(from, models);
    const existing = await Promise.all(models.map((m) => delegate(to, m).count()));
    if (existing.some((n) => n > 0)) {
      const target = await fingerprint(to, models);
      if (JSON.stringify(target) === JSON.stringify(source)) return { status: "already-copied", tables: source };
      if (!replace) {
        const rows = existing.reduce((a, b) => a + b, 0);
        throw new Error(
          `the target ${maskDatabaseUrl(toUrl)} already holds ${rows} rows that differ from the source; ` +
            "pass --replace to delete them and copy again",
        );
      }
    }
    await to.$transaction(
      async (tx) => {
        for (const model of [...models].reverse()) await delegate(tx, model).deleteMany({});
        for (const model of models) {
          for (let skip = 0; ; skip += BATCH) {
            const page = await delegate(from, model).findMany({ orderBy: orderBy(model), skip, take: BATCH });
            if (page.length > 0) await delegate(tx, model).createMany({ data: page.map((r) => toWrite(to, model, r)) });
            if (page.length < BATCH) break;
          }
        }
      },
      { timeout: 30 * 60_000, maxWait: 30_000 },
    );
    const copied = await fingerprint(to, models);
    const mismatch = copied.filter((t, i) => JSON.stringify(t) !== JSON.stringify(source[i]));
    if (mismatch.length > 0) {
      throw new Error(`verification failed for ${mismatch.map((t) => t.table).join(", ")}: the copy differs`);
    }
    return { status: "copied", tables: copied };
  } finally {
    await Promise.all([from.$disconnect(), to.$disconnect()]);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { from: { type: "string" }, to: { type: "string" }, replace: { type: "boolean", default: false } },
  });
  if (!values.from || !values.to) {
    console.error("usage: npm run db:copy -- --from <DATABASE_URL> --to <DATABASE_URL> [--replace]");
    process.exit(2);
  }
  try {
    for (const url of [values.from, values.to]) databaseProvider(url);
    const result = await copyDatabase(values.from, values.to, { replace: values.replace });
    console.log(
      result.status === "copied"
        ? `copied ${maskDatabaseUrl(values.from)} → ${maskDatabaseUrl(values.to)}, verified:`
        : `${maskDatabaseUrl(values.to)} is already an exact copy of ${maskDatabaseUrl(values.from)}:`,
    );
    for (const t of result.tables)
      console.log(`  ${t.table.padEnd(20)} ${String(t.rows).padStart(7)} rows  sha256 ${t.checksum.slice(0, 16)}`);
  } catch (error) {
    console.error(`db:copy: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
