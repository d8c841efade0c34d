import { rmSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { bank, E2E_PORT, ROOT, startServer, userIdOf } from "./support";

const PORT = E2E_PORT + 1;
const DB_FILE = path.join(ROOT, "tests/.tmp/e2e-restart.db");

test("a recorded attempt survives a restart of the server", async ({ browser }) => {
  test.setTimeout(120_000);
  const question = bank[0];
  if (!question) throw new Error("empty bank");
  for (const suffix of ["", "-wal", "-shm"]) rmSync(DB_FILE + suffix, { force: true });

  const context = await browser.newContext();
  const page = await context.newPage();
  let server = await startServer(PORT, DB_FILE);
  try {
    await page.goto(`${server.url}/questions/${question.slug}`);
    await page.getByRole("button", { name: "Reveal the answer" }).click();
    await expect(page.getByTestId("attempts").locator("li")).toHaveCount(1);
    const userId = await userIdOf(context, DB_FILE);

    await server.stop();
    server = await startServer(PORT, DB_FILE); // npm start runs db:setup again: nothing is lost

    await page.goto(`${server.url}/questions/${question.slug}`);
    await expect(page.getByTestId("attempts").locator("li")).toHaveCount(1);
    await expect(page.getByTestId("attempts")).toContainText("Revealed the answer");
    expect(await userIdOf(context, DB_FILE)).toBe(userId);
  } finally {
    await server.stop();
    await context.close();
  }
});
