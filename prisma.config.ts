/**
 * Prisma CLI config. `engine: "js"` with the better-sqlite3 driver adapter lets generate,
 * migrate deploy/status/diff and db push run without Prisma's native schema-engine binary,
 * which this machine cannot download (docs/decisions/0001-prisma-js-engine.md).
 */
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import { databaseUrl, ensureDatabaseDir } from "./lib/db/database-url";

// schema.prisma reads env("DATABASE_URL"); give it the same default the app uses.
process.env.DATABASE_URL = databaseUrl();

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations"), seed: "tsx prisma/seed.ts" },
  async adapter() {
    const url = databaseUrl();
    ensureDatabaseDir(url);
    return new PrismaBetterSQLite3({ url });
  },
});
