/**
 * Where the SQLite database lives: DATABASE_URL when set, else the embedded default
 * file:./data/gradlab.db (a gitignored folder created on first run). Shared by the Prisma CLI
 * config, the app's client, the seed and the test setup, so they can never disagree.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/gradlab.db";

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  if (!url.startsWith("file:")) {
    throw new Error(
      `DATABASE_URL must be a SQLite file: URL (got "${url}"); see docs/decisions/0002-sqlite-default.md`,
    );
  }
  return url;
}

/** Absolute path of the database file for a file: URL (relative paths resolve from the project root). */
export function databaseFile(url: string = databaseUrl()): string {
  const file = url.slice("file:".length).split("?")[0] ?? "";
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), file);
}

/** Creates the folder that holds the database file. */
export function ensureDatabaseDir(url: string = databaseUrl()): string {
  const file = databaseFile(url);
  mkdirSync(path.dirname(file), { recursive: true });
  return file;
}
