/** Helpers for end-to-end tests: read the server's database directly (SQLite or PostgreSQL), and run a server of our own. */

import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type BrowserContext, expect, type Page } from "@playwright/test";
import { loadQuestionBank } from "@/lib/content/load";
import { E2E_DATABASE_URL, E2E_PORT } from "@/playwright.config";
import { sql } from "@/tests/support/e2e-database";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export { e2eDatabaseUrl, resetDatabase } from "@/tests/support/e2e-database";
export { E2E_DATABASE_URL, E2E_PORT };
export const bank = loadQuestionBank().map((l) => l.question);

export function questionOfType<T extends (typeof bank)[number]["type"]>(type: T) {
  const q = bank.find((b) => b.type === type);
  if (!q) throw new Error(`the bank has no ${type} question`);
  return q as Extract<(typeof bank)[number], { type: T }>;
}

/** Runs a statement on the end-to-end server's database (portable SQL: see tests/support/e2e-database.ts). */
export function query<T>(text: string, ...params: unknown[]): Promise<T[]> {
  return sql<T>(E2E_DATABASE_URL, text, ...params);
}

/** The user id behind the browser context's session cookie. */
export async function userIdOf(context: BrowserContext, databaseUrl = E2E_DATABASE_URL): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === "gradlab_session");
  if (!cookie) throw new Error("no session cookie yet");
  const hash = createHash("sha256").update(cookie.value).digest("hex");
  const [row] = await sql<{ userId: string }>(databaseUrl, 'SELECT "userId" FROM "Session" WHERE token = ?', hash);
  if (!row) throw new Error("the session cookie matches no session row");
  return row.userId;
}

export type AppServer = {
  url: string;
  port: number;
  stop: () => Promise<void>;
  /** SIGKILL: the process dies mid-request, as in a crash or an OOM kill (resolves once it is gone). */
  kill: () => Promise<void>;
};

/** The servers this test process started, by port. */
const running = new Map<number, ChildProcess>();

/** Waits (up to 10 s) until nothing answers on the port; throws if something still does. */
async function waitUntilFree(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const answered = await fetch(`http://127.0.0.1:${port}/`).then(
      () => true,
      () => false,
    );
    if (!answered) return;
    if (Date.now() > deadline) throw new Error(`port ${port} is already served by another process`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Starts the production server (server.ts) on its own port and database, migrated and seeded like npm start does. */
export async function startServer(
  port: number,
  databaseUrl: string,
  extraEnv: Record<string, string> = {},
): Promise<AppServer> {
  // a test that timed out never reached its `finally`: stop the server it left on this port
  running.get(port)?.kill("SIGKILL");
  await waitUntilFree(port);
  const env = { ...process.env, ...extraEnv, DATABASE_URL: databaseUrl };
  execFileSync("npm", ["run", "-s", "db:setup"], { cwd: ROOT, env, stdio: "pipe" });
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, ".server/server.mjs")], {
    cwd: ROOT,
    env: { ...env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(port) },
    stdio: "ignore",
  });
  running.set(port, child);
  child.once("exit", () => {
    if (running.get(port) === child) running.delete(port);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    // a server that exits at once (its port taken, e.g. by a server an earlier test left behind)
    // must fail here, not leave the test talking to that other server
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `server on port ${port} exited at start (${child.exitCode ?? child.signalCode}); is the port taken?`,
      );
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
  return { url, port, stop: () => end("SIGTERM"), kill: () => end("SIGKILL") };
}

/**
 * The page's serious and critical axe violations, one line each (rule: targets); only WCAG 2.1 A/AA
 * rules when `wcagOnly`. Waits for the document title first: Next streams a page's metadata after
 * its body, so for a moment after a navigation the new page has no <title> yet, and axe run in
 * that moment reports `document-title` for a page that has one.
 */
export async function seriousAxeViolations(page: Page, { wcagOnly = true } = {}): Promise<string[]> {
  await expect(page).toHaveTitle(/\S/);
  const axe = new AxeBuilder({ page });
  const { violations } = await (wcagOnly ? axe.withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]) : axe).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/**
 * Answers the drill problem on the page with the keyboard: a digit (`key`) and Enter for a choice,
 * a number and Enter for an estimate; waits for the result and its charts.
 */
export async function answerDrillByKeyboard(page: Page, key = "1") {
  await expect(page.getByTestId("drill-prompt").first()).toBeVisible();
  const field = page.locator('input[name="answer"]').first();
  if ((await field.getAttribute("type")) === "radio") {
    // a key pressed in the instant before the page's keyboard handler is attached does nothing,
    // as for a person, who presses it again
    await expect(async () => {
      await page.keyboard.press(key);
      await expect(page.locator('input[name="answer"]').nth(Number(key) - 1)).toBeChecked({ timeout: 1_000 });
    }).toPass({ timeout: 10_000 });
  } else {
    await expect(field).toBeFocused();
    await page.keyboard.type("-3");
  }
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("drill-result")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("drill-charts")).toBeVisible();
}
