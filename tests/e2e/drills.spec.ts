/**
 * Drills as a learner meets them: from the home page's header to a family, three problems
 * answered with the keyboard alone (digits and Enter, a typed estimate), one more in 中文 on a
 * phone, and all four on the dashboard. Tampered addresses get a 4xx with a sentence.
 */
import { expect, test } from "@playwright/test";
import { answerDrillByKeyboard, query, userIdOf } from "./support";

test("three drills by keyboard from the home page's header, one in 中文 on a phone, all on the dashboard", async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Drills" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Drills" })).toBeVisible();

  await page.getByTestId("drill-family-verdict-mlp").click();
  await expect(page).toHaveURL(/\/drills\/verdict-mlp\/\d+$/);
  await answerDrillByKeyboard(page);
  await expect(page.getByTestId("drill-answers")).toContainText("the engine says");
  // Enter on the focused "Next problem" goes on to a fresh problem of the family
  await expect(page.getByTestId("next-drill")).toBeFocused();
  const first = page.url();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/drills\/verdict-mlp\/\d+$/);
  expect(page.url()).not.toBe(first);
  await answerDrillByKeyboard(page);

  await page.goto("/drills");
  await page.getByTestId("drill-family-estimate-ratio").click();
  await expect(page).toHaveURL(/\/drills\/estimate-ratio\/\d+$/);
  await answerDrillByKeyboard(page);
  await expect(page.getByTestId("drill-answers")).toContainText("Off by");
  // the chart marks the typed estimate (a line at last × 10^−3) beside the engine's value
  await expect(page.getByTestId("drill-marks")).toContainText("Your estimate: first = 10^−3.00 × last");
  await expect(page.getByTestId("drill-charts").locator("svg text").filter({ hasText: "Your estimate" })).toBeVisible();

  // The same problem again is the same problem, already answered: nothing new is stored.
  await page.reload();
  await expect(page.getByTestId("drill-result")).toBeVisible();

  // 中文 on a phone
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("button", { name: /中文/ }).click();
  // a phone's header keeps the links behind its menu button
  await page.getByTestId("nav-menu").getByText("菜单").click();
  await page.getByTestId("nav-menu").getByRole("link", { name: "练习题" }).click();
  await page.getByTestId("drill-family-lr-divergence").click();
  await expect(page.getByRole("button", { name: "检查" })).toBeVisible();
  await answerDrillByKeyboard(page);
  await expect(page.getByTestId("drill-result").getByRole("heading", { level: 2 })).toHaveText(/答对了|这次没答对/);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);

  const userId = await userIdOf(context);
  const rows = await query<{ family: string }>('SELECT family FROM "DrillAttempt" WHERE "userId" = ?', userId);
  expect(rows.map((r) => r.family).sort()).toEqual(["estimate-ratio", "lr-divergence", "verdict-mlp", "verdict-mlp"]);

  await page.getByTestId("nav-menu").getByText("菜单").click();
  await page.getByTestId("nav-menu").getByRole("link", { name: "学习概览" }).click();
  const progress = page.getByTestId("drill-progress");
  await expect(progress.getByTestId("drill-stats-verdict-mlp")).toContainText("/ 2");
  await expect(progress.getByTestId("drill-stats-estimate-ratio")).toContainText("个数量级");
  await expect(progress.getByTestId("drill-stats-lr-divergence")).toContainText("/ 1");
  // over time: the newest attempts (all of them, this early), nothing "before" yet
  const trend = progress.getByTestId("drill-trend-verdict-mlp");
  await expect(trend).toHaveText(/^[0-2] \/ 2$/);
  await expect(progress.getByTestId("drill-trend-estimate-ratio")).toContainText("个数量级");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("tampered drill addresses and answers get a 4xx with a sentence", async ({ page, request }) => {
  for (const path of [
    "/drills/nope/1",
    "/drills/verdict-mlp/2147483648",
    "/drills/verdict-mlp/-1",
    "/drills/verdict-mlp/1e3",
  ]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByTestId("drill-not-found")).toContainText("There is no such drill problem");
  }
  const unknown = await request.get("/drills/nope", { maxRedirects: 0 });
  expect(unknown.status()).toBe(404);
  expect(await unknown.text()).toContain("There is no drill family of that name.");
  const bad = await request.post("/api/drills/answer", {
    data: { family: "estimate-ratio", seed: 3, answer: "NaN" },
    headers: { "accept-language": "zh-CN" },
  });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toContain("请输入");
  const foreign = await request.post("/api/drills/answer", {
    data: { family: "estimate-ratio", seed: 3, answer: -2 },
    headers: { origin: "https://evil.example" },
  });
  expect(foreign.status()).toBe(403);
});
