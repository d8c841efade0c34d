import { expect, test } from "@playwright/test";
import { bank, E2E_PORT, e2eDatabaseUrl, resetDatabase, startServer, userIdOf } from "./support";

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
