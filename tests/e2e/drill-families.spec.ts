/**
 * The smallest-gradient, healthy-fix and Pre-/Post-LN drills as a learner meets them: from the
 * home page's header to each family, a problem answered with the keyboard alone (a digit, Enter),
 * the last in 中文; after each, the engine's chart marks the learner's answer beside the engine's
 * (the mark's label drawn in the chart, and the marks listed in words below it).
 */
import { expect, type Page, test } from "@playwright/test";
import { answerDrillByKeyboard } from "./support";

/** The learner's answer is marked: listed in words, and the same label drawn inside the chart's SVG. */
async function expectAnswerMarked(page: Page, yours: RegExp) {
  const listed = page.getByTestId("drill-marks").getByRole("listitem").filter({ hasText: yours }).first();
  await expect(listed).toBeVisible();
  const label = (await listed.textContent())?.trim() ?? "";
  expect(label).not.toBe("");
  const charts = page.getByTestId("drill-charts");
  await expect(charts.locator("svg text").filter({ hasText: label }).first()).toBeVisible();
  // the engine's own mark is drawn beside it (unless it is the same mark: the learner's pick was the engine's)
  await expect(page.getByTestId("drill-marks").locator('[data-tone="model"]').first()).toBeVisible();
}

test("the three new drill families by keyboard from the home page's header, the last in 中文, each chart marking the answer", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Drills" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Drills" })).toBeVisible();

  // which layer (time step) has the smallest gradient: the first choice
  await page.getByTestId("drill-family-smallest-gradient").click();
  await expect(page).toHaveURL(/\/drills\/smallest-gradient\/\d+$/);
  await answerDrillByKeyboard(page, "1");
  await expectAnswerMarked(page, /^Your pick/);
  await expect(page.getByTestId("drill-result")).toContainText(/Back of the envelope/);

  // which fix makes the net healthy: the second choice; its run is named "your pick" above the chart
  await page.goto("/drills");
  await page.getByTestId("drill-family-healthy-fix").click();
  await expect(page).toHaveURL(/\/drills\/healthy-fix\/\d+$/);
  await answerDrillByKeyboard(page, "2");
  await expectAnswerMarked(page, /^Your pick/);
  await expect(page.getByTestId("verdict-badge").filter({ hasText: "your pick" })).toHaveCount(1);
  await expect(page.getByTestId("verdict-badge").filter({ hasText: "healthy" }).first()).toBeVisible();

  // Pre-LN vs Post-LN, in 中文: the third choice
  await page.getByRole("button", { name: /中文/ }).click();
  await page.getByRole("navigation").getByRole("link", { name: "练习题" }).first().click();
  await page.getByTestId("drill-family-transformer-ln").click();
  await expect(page).toHaveURL(/\/drills\/transformer-ln\/\d+$/);
  await expect(page.getByRole("button", { name: "检查" })).toBeVisible();
  await answerDrillByKeyboard(page, "3");
  await expect(page.getByTestId("drill-result").getByRole("heading", { level: 2 })).toHaveText(/答对了|这次没答对/);
  await expectAnswerMarked(page, /^你的答案：Post-LN 是 Pre-LN 的 2–4 倍/);
  await expect(page.getByTestId("profile-block")).toBeVisible();
});
