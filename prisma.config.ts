/**
 * Prisma CLI config, for whichever database DATABASE_URL names (SQLite when unset): that
 * provider's generated schema and migrations (prisma/<provider>/). `engine: "js"` with a driver
 * adapter lets generate, migrate deploy/status/diff and db push run without Prisma's native
 * schema-engine binary, which this machine cannot download (docs/decisions/0001-prisma-js-engine.md).
 * PostgreSQL's migrations are applied by scripts/migrate-postgres.ts instead of `prisma migrate
 * deploy` (docs/decisions/0018-postgres-migrations.md). The URL and the driver are the app's own.
 */
import path from "node:path";
import { defineConfig } from "prisma/config";
import { createAdapter, databaseProvider } from "./lib/db/driver";
import { env } from "./lib/env";

const provider = databaseProvider(env.DATABASE_URL);
// The schemas read env("DATABASE_URL"); hand them the URL the app uses (its default included).
process.env.DATABASE_URL = env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", provider, "schema.prisma"),
  migrations: { path: path.join("prisma", provider, "migrations"), seed: "tsx scripts/db-setup.ts" },
  async adapter() {
    return createAdapter(env.DATABASE_URL);
  },
});
