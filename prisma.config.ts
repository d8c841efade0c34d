/**
 * Prisma CLI config. `engine: "js"` with a driver adapter lets generate, migrate deploy/status/diff
 * and db push run without Prisma's native schema-engine binary, which this machine cannot
 * download (docs/decisions/0001-prisma-js-engine.md). The URL and the driver are the app's own.
 */
import path from "node:path";
import { defineConfig } from "prisma/config";
import { createAdapter } from "./lib/db/driver";
import { env } from "./lib/env";

// schema.prisma reads env("DATABASE_URL"); hand it the URL the app uses (its default included).
process.env.DATABASE_URL = env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations"), seed: "tsx scripts/db-setup.ts" },
  async adapter() {
    return createAdapter(env.DATABASE_URL);
  },
});
