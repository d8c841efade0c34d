/**
 * Which database to use: DATABASE_URL when set, else the embedded default
 * file:./data/gradlab.db (a gitignored folder created on first run). A `file:` URL is SQLite, a
 * `postgresql://` URL a PostgreSQL server (lib/db/provider.ts). Shared by the Prisma CLI config,
 * the app's client, the seed and the test setup, so they can never disagree.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { type DbProvider, databaseUrlProblem, maskDatabaseUrl, providerOf } from "./provider";

export const DEFAULT_DATABASE_URL = "file:./data/gradlab.db";

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  databaseProvider(url);
  return url;
}

export function databaseProvider(url: string): DbProvider {
  const problem = databaseUrlProblem(url);
  const provider = providerOf(url);
  if (problem || !provider) throw new Error(`DATABASE_URL ${problem} (got "${maskDatabaseUrl(url)}")`);
  return provider;
}

/** Absolute path of the database file for a file: URL (relative paths resolve from the project root). */
export function databaseFile(url: string = databaseUrl()): string {
  if (databaseProvider(url) !== "sqlite") throw new Error("databaseFile() needs a SQLite file: URL");
  const file = url.slice("file:".length).split("?")[0] ?? "";
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), file);
}

/** Creates the folder that holds a SQLite database file (nothing to do for a server). */
export function ensureDatabaseDir(url: string = databaseUrl()): string | null {
  if (databaseProvider(url) !== "sqlite") return null;
  const file = databaseFile(url);
  mkdirSync(path.dirname(file), { recursive: true });
  return file;
}
