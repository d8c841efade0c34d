/**
 * The memory model in settings (ADR 0028), reached as a person reaches it: sign up from the
 * header, review from the header's Flashcards link with the keyboard, open Settings from the
 * account menu; the fit asked for too early says how many reviews it needs, in English and 中文.
 */
import { expect, test } from "@playwright/test";
import { query } from "./support";

test("settings say which FSRS parameters schedule the cards, and a fit asked for too early says why not", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Sign up" }).first().click();
  const username = `fsrs_${Date.now().toString(36)}`;
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password", { exact: true }).fill("vanishing-grads-2026");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Flashcards" }).click();
  await expect(page.getByTestId("flashcard-session")).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
  const first = await page.getByTestId("flashcard").getAttribute("data-slug");
  await page.keyboard.press("Space");
  await page.keyboard.press("3");
  await expect.poll(() => page.getByTestId("flashcard").getAttribute("data-slug")).not.toBe(first);

  await page.getByTestId("account-menu").locator("summary").click();
  await page.getByRole("link", { name: "Settings" }).click();
  const model = page.getByTestId("memory-model");
  await expect(model.getByRole("heading", { name: "Memory model (FSRS)" })).toBeVisible();
  await expect(model).toHaveAttribute("data-status", "none");
  await expect(page.getByTestId("memory-model-status")).toHaveText(
    "Using FSRS's default parameters. Reviews so far: 1. A fit runs by itself once there are enough.",
  );
  await model.getByRole("button", { name: "Fit to my reviews" }).click();
  await expect(model.getByRole("alert")).toHaveText(
    "Not enough reviews yet: 0 of 100 needed came a day or more after the previous one.",
  );
  await expect(model).toHaveAttribute("data-status", "defaults");
  const [row] = await query<{ fsrsFit: string }>('SELECT "fsrsFit" FROM "User" WHERE username = ?', username);
  expect(JSON.parse(row?.fsrsFit ?? "null")).toMatchObject({ status: "defaults", reason: "too_few_reviews", logs: 1 });

  await page.getByRole("button", { name: /中文/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(model.getByRole("heading", { name: "记忆模型（FSRS）" })).toBeVisible();
  await expect(page.getByTestId("memory-model-status")).toContainText("需要 100 次");
});
