/**
 * Prisma CLI config, for whichever database DATABASE_URL names (SQLite when unset): that
 * provider's generated schema and migrations (prisma/<provider>/). `engine: "js"` with a driver
 * adapter lets generate, migrate and db push run without Prisma's native schema-engine binary,
 * which this machine cannot download (docs/decisions/0001-prisma-js-engine.md). PostgreSQL's
 * migrations are applied by scripts/migrate-postgres.ts instead of `prisma migrate deploy`
 * (docs/decisions/0018-postgres-migrations.md).
 */
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";
import { databaseProvider, databaseUrl, ensureDatabaseDir } from "./lib/db/database-url";

const url = databaseUrl();
const provider = databaseProvider(url);
// The schemas read env("DATABASE_URL"); give it the same default the app uses.
process.env.DATABASE_URL = url;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", provider, "schema.prisma"),
  migrations: { path: path.join("prisma", provider, "migrations") },
  async adapter() {
    if (provider === "postgres") return new PrismaPg({ connectionString: url });
    ensureDatabaseDir(url);
    return new PrismaBetterSQLite3({ url });
  },
});
