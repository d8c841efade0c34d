/**
 * The one typed facade over the two generated Prisma clients (prisma/sqlite and
 * prisma/postgres, both generated from prisma/models.prisma). The app types everything with the
 * SQLite client's types — the models are the same, so the PostgreSQL client has the same shape
 * (checked below at compile time) — and never imports a generated client itself.
 *
 * Each generated client carries its own copy of Prisma's runtime, so runtime values must come
 * from the client in use: a DbNull of the other client would be written as the JSON object {}.
 * Hence jsonNulls(client) rather than Prisma.DbNull, and error checks by code, not instanceof.
 */
import { PrismaClient as PostgresClient, Prisma as PostgresPrisma } from "@gradlab/prisma-postgres";
import { PrismaClient as SqliteClient, Prisma as SqlitePrisma } from "@gradlab/prisma-sqlite";
import type { DbProvider } from "@/lib/env";

export type PrismaClient = SqliteClient;
export type { Card, Prisma } from "@gradlab/prisma-sqlite";
export type TransactionClient = SqlitePrisma.TransactionClient;
type AdapterFactory = NonNullable<NonNullable<ConstructorParameters<typeof SqliteClient>[0]>["adapter"]>;

// The two clients differ only in provider-specific options (isolation levels, query modes), which
// the app does not use; their models must be the same. Checked at compile time, row by row:
type ModelScalars<T extends { model: Record<string, { payload: { scalars: unknown } }> }> = {
  [M in keyof T["model"]]: T["model"][M]["payload"]["scalars"];
};
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameModels: Same<ModelScalars<SqlitePrisma.TypeMap>, ModelScalars<PostgresPrisma.TypeMap>> = true;
void sameModels;

const NULLS: Record<DbProvider, { DbNull: SqlitePrisma.NullTypes.DbNull; JsonNull: SqlitePrisma.NullTypes.JsonNull }> =
  {
    sqlite: { DbNull: SqlitePrisma.DbNull, JsonNull: SqlitePrisma.JsonNull },
    postgres: {
      DbNull: PostgresPrisma.DbNull as unknown as SqlitePrisma.NullTypes.DbNull,
      JsonNull: PostgresPrisma.JsonNull as unknown as SqlitePrisma.NullTypes.JsonNull,
    },
  };

// On the client itself, under a registered symbol: the app's bundles may each hold their own copy
// of this module, but they share the one client (client.server.ts keeps it on globalThis).
const PROVIDER = Symbol.for("gradlab.db.provider");
type Tagged = { [PROVIDER]?: DbProvider };

/** A client of the given provider over a driver adapter. */
/**
 * How long an interactive transaction waits for a connection before it fails (P2028) — ours
 * (lib/db/transaction.ts) and better-auth's (its rate-limit counters) alike. Prisma's default of
 * 2 s failed a burst of sign-ins on PostgreSQL while the pool (10 connections, driver.ts) was
 * busy; the pool's own connection timeout still bounds the wait.
 */
export const TRANSACTION_MAX_WAIT_MS = 10_000;

export function newPrismaClient(provider: DbProvider, adapter: AdapterFactory): PrismaClient {
  const transactionOptions = { maxWait: TRANSACTION_MAX_WAIT_MS };
  const client =
    provider === "postgres"
      ? (new PostgresClient({ adapter, transactionOptions }) as unknown as PrismaClient)
      : new SqliteClient({ adapter, transactionOptions });
  Object.defineProperty(client, PROVIDER, { value: provider });
  return client;
}

export function clientProvider(client: PrismaClient): DbProvider {
  const provider = (client as Tagged)[PROVIDER];
  if (!provider) throw new Error("not a client made by newPrismaClient()");
  return provider;
}

/**
 * Prisma's markers for a nullable Json column: DbNull = SQL NULL, JsonNull = the JSON value null.
 * Pass the top-level client (not a transaction's `tx`).
 */
export function jsonNulls(client: PrismaClient) {
  return NULLS[clientProvider(client)];
}

/** Whether `error` is a Prisma known-request error with this code (P2002 unique violation, P2034 write conflict…). */
export function isPrismaError(error: unknown, code: string): boolean {
  return (
    error instanceof Error &&
    error.name === "PrismaClientKnownRequestError" &&
    (error as Error & { code?: unknown }).code === code
  );
}
