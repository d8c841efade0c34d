/** Helpers for end-to-end tests: read the server's SQLite file directly, and run a server of our own. */

import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import path from "node:path";
import type { BrowserContext } from "@playwright/test";
import Database from "better-sqlite3";
import { loadQuestionBank } from "@/lib/content/load";
import { databaseFile } from "@/lib/db/driver";
import { E2E_DATABASE_URL, E2E_PORT } from "@/playwright.config";

export { E2E_PORT };
export const ROOT = path.resolve(import.meta.dirname, "../..");
export const E2E_DB_FILE = databaseFile(E2E_DATABASE_URL);
export const bank = loadQuestionBank().map((l) => l.question);

export function questionOfType<T extends (typeof bank)[number]["type"]>(type: T) {
  const q = bank.find((b) => b.type === type);
  if (!q) throw new Error(`the bank has no ${type} question`);
  return q as Extract<(typeof bank)[number], { type: T }>;
}

/** Runs a read-only query on the server's database file. */
export function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(E2E_DB_FILE, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** The user id behind the browser context's session cookie. */
export async function userIdOf(context: BrowserContext, dbFile = E2E_DB_FILE): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === "gradlab_session");
  if (!cookie) throw new Error("no session cookie yet");
  const hash = createHash("sha256").update(cookie.value).digest("hex");
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT userId FROM "Session" WHERE token = ?').get(hash) as { userId: string } | undefined;
    if (!row) throw new Error("the session cookie matches no session row");
    return row.userId;
  } finally {
    db.close();
  }
}

/** Starts the production server (server.ts) on its own port and database, migrated and seeded like npm start does. */
export async function startServer(
  port: number,
  dbFile: string,
  extraEnv: Record<string, string> = {},
): Promise<{ url: string; stop: () => Promise<void>; kill: () => Promise<void> }> {
  const env = { ...process.env, DATABASE_URL: `file:${dbFile}`, ...extraEnv };
  execFileSync("npm", ["run", "-s", "db:setup"], { cwd: ROOT, env, stdio: "pipe" });
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, ".server/server.mjs")], {
    cwd: ROOT,
    env: { ...env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(port) },
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/questions`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server on port ${port} did not start`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const end = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill(signal);
    });
  return { url, stop: () => end("SIGTERM"), kill: () => end("SIGKILL") };
}
