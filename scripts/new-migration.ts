/**
 * Writes the next migration: the SQL that takes the last committed schema.prisma to the
 * working-tree one. `prisma migrate dev` needs a shadow database, which fails on SQLite with the
 * JS schema engine (P3006); a schema-to-schema diff works offline.
 * The integration test "the committed migrations produce exactly the database schema.prisma
 * describes" catches a migration that does not match.
 *
 *   npm run db:migration -- add_user_settings
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name in snake_case>");
  process.exit(2);
}

const committed = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8" });
const previous = path.join(mkdtempSync(path.join(tmpdir(), "gradlab-migration-")), "schema.prisma");
writeFileSync(previous, committed);

const sql = execFileSync(
  "npx",
  [
    "prisma",
    "migrate",
    "diff",
    "--from-schema-datamodel",
    previous,
    "--to-schema-datamodel",
    "prisma/schema.prisma",
    "--script",
  ],
  { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);
if (!/\b(CREATE|ALTER|DROP|INSERT|PRAGMA)\b/.test(sql)) {
  console.log("schema.prisma has no changes against HEAD: nothing to migrate.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
console.log(`wrote ${dir}/migration.sql — review it, run \`npm run db:setup\`, commit it with schema.prisma.`);
