/**
 * Bulk writes and key lookups for thousands of rows at once, on both databases (ADR 31). The rows
 * travel as one JSON document bound as a single parameter, and the database unpacks it:
 * `jsonb_each(?)` on SQLite, `jsonb_array_elements($1::jsonb)` on PostgreSQL: in both the
 * document is parsed once into the binary form, where each column's `->>` is direct access
 * (with SQLite's `json_each` every `->>` parsed the row's text again: the Attempt insert of the
 * largest import took ~1.4× as long, ADR 39).
 * So a statement binds one value however many rows it carries: no bound-variable limits (SQLite
 * 32,766, PostgreSQL 65,535), and none of the cost that grows with bound values through Prisma
 * and the driver adapter (measured: multi-row VALUES 3–4× slower than one document, createMany
 * ~30×). Every value's SQL type is stated by its column.
 *
 * Not for input that names tables or columns: those come from the constant table descriptions
 * of the caller; only the JSON document carries data.
 */
import type { DbProvider } from "@/lib/env";
import { yieldToEventLoop } from "@/lib/event-loop";
import { adapterSlotOf, directLane, type Lane } from "./direct-lane";
import type { TransactionClient } from "./prisma";

/** How a column's values travel in the document and are cast back to SQL. */
export type BulkType = "text" | "int" | "float" | "bool" | "timestamp" | "json";

export type BulkTable = {
  name: string;
  columns: readonly (readonly [name: string, type: BulkType])[];
  /** an upsert: on a conflict over these columns, take the new row's values of `update` */
  onConflict?: { target: readonly string[]; update: readonly string[] };
};

/** Rows per statement (and per encoded document): between two, other requests get a turn (yieldToEventLoop). */
export const BULK_ROWS = 4000;

type PrismaQueryable = Pick<TransactionClient, "$executeRawUnsafe" | "$queryRawUnsafe">;
/**
 * Where a bulk statement runs: the Prisma client or transaction, and — when it can be had — the
 * driver adapter beneath it (lib/db/direct-lane.ts, ADR 39), which skips Prisma's compiling of
 * the ~1 MB parameter.
 */
export type BulkDb = { prisma: PrismaQueryable; lane: Lane | null };

/** A client's or a transaction's BulkDb (a transaction's lane only inside inDirectLaneScope). */
export const bulkDb = (client: PrismaQueryable, inTransaction: boolean): BulkDb => ({
  prisma: client,
  lane: directLane(inTransaction ? undefined : adapterSlotOf(client), inTransaction),
});

const execute = (db: BulkDb, sql: string, document: string) =>
  db.lane ? db.lane.execute(sql, [document]) : db.prisma.$executeRawUnsafe(sql, document);
const query = <T>(db: BulkDb, sql: string, document: string) =>
  db.lane ? db.lane.query<T>(sql, [document]) : db.prisma.$queryRawUnsafe<T[]>(sql, document);

/**
 * A finite double as [m, k] with x = m·2^k exactly (m an integer below 2^53, k an integer).
 * SQLite's JSON parser rounds some decimals wrongly (measured: most doubles above 1e117 or below
 * 1e-83 come back one unit off); integers it parses exactly, and m·2^k is exact in both databases.
 */
export function binaryParts(x: number): [number, number] {
  if (!Number.isFinite(x)) throw new Error(`not a finite number: ${x}`);
  if (x === 0) return [0, 0];
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const high = view.getUint32(0);
  const biased = (high >>> 20) & 0x7ff;
  const fraction = (high & 0xfffff) * 2 ** 32 + view.getUint32(4);
  let m = biased === 0 ? fraction : fraction + 2 ** 52; // subnormals have no implicit bit
  let k = biased === 0 ? -1074 : biased - 1075;
  while (m % 2 === 0) {
    m /= 2; // the shortest m: 0.5 travels as [1, -1]
    k += 1;
  }
  return [high >>> 31 ? -m : m, k];
}

const isoOf = (v: unknown) => (v instanceof Date ? v : new Date(v as string)).toISOString();

/** One value as it travels in the document; null is SQL NULL. JSON columns take the JSON text itself. */
export function bulkValue(type: BulkType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "float":
      return binaryParts(value as number);
    case "timestamp":
      return isoOf(value);
    default:
      return value;
  }
}

/** The SQL that reads column `i` of a row element `r.value`, cast to its column's type. */
function columnSql(provider: DbProvider, type: BulkType, i: number): string {
  if (provider === "sqlite") {
    switch (type) {
      case "float":
        return `(r.value->>'$[${i}][0]') * pow(2.0, r.value->>'$[${i}][1]')`;
      case "timestamp":
        // the form @prisma/adapter-better-sqlite3 writes (timestampFormat "iso8601"); checked by tests/integration/bulk.test.ts
        return `replace(r.value->>${i}, 'Z', '+00:00')`;
      default:
        return `r.value->>${i}`; // JSON true/false arrive as 1/0, SQLite's booleans
    }
  }
  switch (type) {
    case "float":
      return `((r.value->${i}->>0)::float8 * power(2::float8, (r.value->${i}->>1)::float8))`;
    case "int":
      return `(r.value->>${i})::integer`;
    case "bool":
      return `(r.value->>${i})::boolean`;
    case "timestamp":
      return `(r.value->>${i})::timestamptz`;
    case "json":
      return `(r.value->>${i})::jsonb`;
    case "text":
      return `r.value->>${i}`;
  }
}

/** The rows of the document parameter, as `r` with one JSON array per row in `r.value`. */
const rowsSql = (provider: DbProvider) =>
  provider === "sqlite" ? "jsonb_each(?) AS r" : "jsonb_array_elements($1::jsonb) AS r(value)";

const quote = (name: string) => `"${name}"`;

export function insertSql(provider: DbProvider, table: BulkTable): string {
  const names = table.columns.map(([name]) => quote(name)).join(", ");
  const values = table.columns.map(([, type], i) => columnSql(provider, type, i)).join(", ");
  // WHERE true: SQLite's grammar needs it between a SELECT and ON CONFLICT
  const upsert = table.onConflict
    ? ` ON CONFLICT (${table.onConflict.target.map(quote).join(", ")}) DO UPDATE SET ${table.onConflict.update
        .map((c) => `${quote(c)} = excluded.${quote(c)}`)
        .join(", ")}`
    : "";
  return `INSERT INTO ${quote(table.name)} (${names}) SELECT ${values} FROM ${rowsSql(provider)} WHERE true${upsert}`;
}

/** An insert made ready outside the transaction: its statement and one JSON document per BULK_ROWS rows. */
export type PreparedInsert = { table: string; sql: string; documents: string[]; rows: number };

/** Encodes rows (values in the table's column order) into documents; the costly part, kept out of the transaction. */
export async function prepareInsert(
  provider: DbProvider,
  table: BulkTable,
  rows: readonly unknown[][],
): Promise<PreparedInsert> {
  const types = table.columns.map(([, type]) => type);
  const documents: string[] = [];
  for (let start = 0; start < rows.length; start += BULK_ROWS) {
    if (start > 0) await yieldToEventLoop();
    const part = rows.slice(start, start + BULK_ROWS).map((row) => types.map((type, i) => bulkValue(type, row[i])));
    documents.push(JSON.stringify(part));
  }
  return { table: table.name, sql: insertSql(provider, table), documents, rows: rows.length };
}

/**
 * Runs a prepared insert; answers the rows written. A plain insert that writes fewer rows than
 * it carries throws (the caller's transaction rolls back): no row is ever dropped silently.
 */
export async function runInsert(db: BulkDb, insert: PreparedInsert, { upsert = false } = {}): Promise<number> {
  let written = 0;
  for (const document of insert.documents) {
    written += await execute(db, insert.sql, document);
    await yieldToEventLoop();
  }
  if (!upsert && written !== insert.rows) {
    throw new Error(`bulk insert into ${insert.table} wrote ${written} of ${insert.rows} rows`);
  }
  return written;
}

/**
 * The rows of `select` (a query ending in the column to match, e.g. `SELECT "id", "userId" FROM
 * "Attempt" WHERE "id"`) whose column is one of `values`, in one statement per BULK_ROWS values.
 */
export async function selectWhereIn<T>(
  db: BulkDb,
  provider: DbProvider,
  select: string,
  values: readonly string[],
): Promise<T[]> {
  const list = provider === "sqlite" ? "SELECT value FROM json_each(?)" : "SELECT json_array_elements_text($1::json)";
  const out: T[] = [];
  for (let start = 0; start < values.length; start += BULK_ROWS) {
    const part = JSON.stringify(values.slice(start, start + BULK_ROWS));
    out.push(...(await query<T>(db, `${select} IN (${list})`, part)));
    await yieldToEventLoop();
  }
  return out;
}
