/**
 * `npm run db:setup` (the first step of `npm start`) in a child process, for the tests of what
 * an operator sees when its DATABASE_URL cannot work.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect } from "vitest";
import { ROOT } from "./paths";

export const SECRET = "s3cret-Pa55";

export function dbSetup(databaseUrl: string): { status: number | null; stderr: string; stdout: string } {
  const run = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/db-setup.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
    timeout: 90_000,
  });
  return { status: run.status, stderr: run.stderr, stdout: run.stdout };
}

/** One message: a line, or the env check's heading and its line for the one bad variable. */
export function expectOneClearLine(run: ReturnType<typeof dbSetup>, says: RegExp): void {
  expect(run.status).not.toBe(0);
  const lines = run.stderr.trim().split("\n").filter(Boolean);
  expect(lines.length).toBeGreaterThanOrEqual(1);
  expect(lines.length).toBeLessThanOrEqual(2);
  expect(lines.at(-1)).toMatch(says);
  expect(run.stderr + run.stdout).not.toContain(SECRET);
  expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
}
