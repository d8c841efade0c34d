import { spawn } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { bank, E2E_PORT, e2eDatabaseUrl, ROOT, resetDatabase, startServer, userIdOf } from "./support";

const PORT = E2E_PORT + 1;
const DB_URL = e2eDatabaseUrl("e2e-restart");

test("a recorded attempt survives a restart of the server", async ({ browser }) => {
  test.setTimeout(120_000);
  const question = bank[0];
  if (!question) throw new Error("empty bank");
  await resetDatabase(DB_URL);

  const context = await browser.newContext();
  const page = await context.newPage();
  let server = await startServer(PORT, DB_URL);
  try {
    await page.goto(`${server.url}/questions/${question.slug}`);
    await page.getByRole("button", { name: "Reveal the answer" }).click();
    await expect(page.getByTestId("attempts").locator("li")).toHaveCount(1);
    const userId = await userIdOf(context, DB_URL);

    await server.stop();
    server = await startServer(PORT, DB_URL); // npm start runs db:setup again: nothing is lost

    await page.goto(`${server.url}/questions/${question.slug}`);
    await expect(page.getByTestId("attempts").locator("li")).toHaveCount(1);
    await expect(page.getByTestId("attempts")).toContainText("Revealed the answer");
    expect(await userIdOf(context, DB_URL)).toBe(userId);
  } finally {
    await server.stop();
    await context.close();
  }
});

test("the server started before `npm run db:setup` stops at once with one line saying so, instead of a 500 on every page", async () => {
  test.setTimeout(90_000);
  const url = e2eDatabaseUrl("e2e-unmigrated");
  await resetDatabase(url); // an empty database: no tables, no migrations
  const child = spawn(process.execPath, [path.join(ROOT, ".server/server.mjs")], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(PORT) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(null);
    }, 60_000);
    child.once("exit", (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  expect(code).toBe(1);
  expect(stderr).toMatch(/lacks \d+ of GradLab's migrations \(\d{14}_init, .*\): run `npm run db:setup` first/);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
});
