/**
 * The end-to-end tests' databases, on SQLite or PostgreSQL like the integration tests
 * (tests/support/test-databases.ts): a file under tests/.tmp, or a database on the throwaway
 * server of `npm run test:postgres` (GRADLAB_PG_URL). Tests read what the server stored with
 * plain SQL, beside the app rather than through it; rows come back in one shape on both —
 * booleans as 0/1, JSON as text, instants as ISO strings — so assertions need not know which.
 * Write SQL that runs on both: quote every camelCase identifier ("userId") and use ? for values.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseFile } from "@/lib/db/driver";
import { providerOf } from "@/lib/env";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SERVER_URL = process.env.GRADLAB_PG_URL;

/** The URL of the end-to-end database called `name` (its own file, or its own PostgreSQL database). */
export function e2eDatabaseUrl(name: string): string {
  if (!SERVER_URL) return `file:${path.join(ROOT, "tests/.tmp", `${name}.db`)}`;
  const url = new URL(SERVER_URL);
  url.pathname = `/gradlab_${name.replace(/\W/g, "_")}`;
  return url.toString();
}

const databaseName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

/** Removes everything in the database, so `npm run db:setup` starts from nothing. */
export async function resetDatabase(url: string): Promise<void> {
  if (providerOf(url) === "sqlite") {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(databaseFile(url) + suffix, { force: true });
    return;
  }
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    const name = databaseName(url);
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

function normalize(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return value;
}

// COUNT(*) is a bigint on PostgreSQL; pg hands those over as strings unless told otherwise.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** Runs one statement against the database at `url`; returns its rows (empty for writes). */
export async function sql<T>(url: string, text: string, ...params: unknown[]): Promise<T[]> {
  if (providerOf(url) === "sqlite") {
    const db = new Database(databaseFile(url), { fileMustExist: true });
    try {
      const statement = db.prepare(text);
      if (statement.reader) return statement.all(...params) as T[];
      statement.run(...params);
      return [];
    } finally {
      db.close();
    }
  }
  let n = 0;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      text.replace(/\?/g, () => `$${++n}`),
      params,
    );
    return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, normalize(v)]))) as T[];
  } finally {
    await client.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // `tsx tests/support/e2e-database.ts reset`: what the Playwright web server runs before db:setup.
  if (process.argv[2] === "reset") await resetDatabase(process.env.DATABASE_URL ?? "");
}
