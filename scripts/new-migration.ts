/**
 * Writes the next migration for both databases from one edit of prisma/models.prisma:
 * regenerates the per-provider schemas, then diffs each against the last committed one.
 *
 *   SQLite:     prisma/sqlite/migrations/<stamp>_<name>/migration.sql   (applied by prisma migrate deploy)
 *   PostgreSQL: prisma/postgres/migrations/<stamp>_<name>.sql           (applied by scripts/migrate-postgres.ts)
 *
 * `prisma migrate dev` needs a shadow database, which fails with the JS schema engine (P3006);
 * a schema-to-schema diff works offline. For PostgreSQL the diff still wants a reachable server,
 * so a throwaway one is started (scripts/postgres-server.ts). The integration tests "the
 * committed migrations produce exactly the database the schema describes" catch a migration
 * that does not match, for each provider.
 *
 *   npm run db:migration -- add_user_settings
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DB_PROVIDERS, type DbProvider } from "@/lib/env";
import { buildSchema, generateClients, schemaPath } from "./db-schema";
import { type PostgresServer, startPostgres } from "./postgres-server";

const ROOT = path.resolve(import.meta.dirname, "..");
const PRISMA = path.join(ROOT, "node_modules/.bin/prisma");

/** The SQL from one schema file (or nothing) to another, for a provider's CLI config. */
export function diffSql(from: string | null, to: string, databaseUrl: string): string {
  const source = from ? ["--from-schema-datamodel", from] : ["--from-empty"];
  const sql = execFileSync(PRISMA, ["migrate", "diff", ...source, "--to-schema-datamodel", to, "--script"], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  // The public schema always exists and belongs to the database owner; creating it would need
  // a privilege a managed database's application role may not have.
  return sql.replace(/^-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n\n/m, "");
}

export const hasChanges = (sql: string) => /\b(CREATE|ALTER|DROP|INSERT|PRAGMA)\b/.test(sql);

function committedSchema(provider: DbProvider): string | null {
  const rel = path.relative(ROOT, schemaPath(provider));
  try {
    const text = execFileSync("git", ["show", `HEAD:${rel}`], { cwd: ROOT, encoding: "utf8", stdio: "pipe" });
    const file = path.join(mkdtempSync(path.join(tmpdir(), "gradlab-migration-")), "schema.prisma");
    writeFileSync(file, text);
    return file;
  } catch {
    return null; // not committed yet: the first migration starts from an empty database
  }
}

function write(provider: DbProvider, stamp: string, name: string, sql: string): string {
  const dir = path.join(ROOT, "prisma", provider, "migrations");
  const file =
    provider === "sqlite"
      ? path.join(dir, `${stamp}_${name}`, "migration.sql")
      : path.join(dir, `${stamp}_${name}.sql`);
  if (existsSync(file)) throw new Error(`${file} exists already`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, sql);
  return path.relative(ROOT, file);
}

async function main(name: string | undefined): Promise<void> {
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("usage: npm run db:migration -- <name in snake_case>");
    process.exit(2);
  }
  for (const provider of DB_PROVIDERS) writeFileSync(schemaPath(provider), buildSchema(provider));
  generateClients();

  let server: PostgresServer | null = null;
  try {
    const sql = {} as Record<DbProvider, string>;
    for (const provider of DB_PROVIDERS) {
      let url = "file:./data/gradlab.db";
      if (provider === "postgres") {
        server = await startPostgres();
        url = server.url;
      }
      sql[provider] = diffSql(committedSchema(provider), schemaPath(provider), url);
    }
    if (!DB_PROVIDERS.some((p) => hasChanges(sql[p]))) {
      console.log("prisma/models.prisma has no changes against HEAD: nothing to migrate.");
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    for (const provider of DB_PROVIDERS) console.log(`wrote ${write(provider, stamp, name, sql[provider])}`);
    console.log("Review both, run `npm run db:setup`, and commit them with prisma/models.prisma and the schemas.");
  } finally {
    (server as PostgresServer | null)?.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv[2]);
