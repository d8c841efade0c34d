import { expect, test } from "@playwright/test";
import { query } from "./support";

const PASSWORD = "correct horse battery staple";

test("the language is remembered per learner: chosen in one browser, it follows the sign-in to another", async ({
  browser,
}) => {
  const username = `lang_${Date.now().toString(36)}`;
  const first = await browser.newContext();
  const page = await first.newPage();
  await page.goto("/signup");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/dashboard$/);

  await page.getByRole("button", { name: /中文/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  expect(await query<{ locale: string }>('SELECT locale FROM "User" WHERE username = ?', username)).toEqual([
    { locale: "zh" },
  ]);
  await first.close();

  const second = await browser.newContext({ locale: "en-US" });
  const other = await second.newPage();
  await other.goto("/signin");
  await expect(other.locator("html")).toHaveAttribute("lang", "en");
  await other.getByLabel("Username or email").fill(username);
  await other.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await other.getByRole("button", { name: "Sign in" }).click();
  await other.waitForURL(/\/dashboard$/);
  await expect(other.locator("html")).toHaveAttribute("lang", "zh-CN");
  await second.close();
});
