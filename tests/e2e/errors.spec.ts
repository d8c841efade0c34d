import { expect, test } from "@playwright/test";

test("an unknown question is a 404 page", async ({ page }) => {
  const response = await page.goto("/questions/does-not-exist");
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId("question-not-found")).toContainText("There is no question at this address.");
  await page.getByRole("link", { name: "All questions" }).click();
  await expect(page).toHaveURL(/\/questions$/);
});

test("an unknown page is a 404 page", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByText("This page does not exist.")).toBeVisible();
});

test("malformed input is a 4xx with a message, never a 500", async ({ request }) => {
  const badLang = await request.get("/api/questions?lang=xx");
  expect(badLang.status()).toBe(400);
  expect((await badLang.json()).error).toBe("lang must be one of: en, zh");

  const badEscape = await request.get("/questions/%E0%A4%A");
  expect(badEscape.status()).toBe(400);
  expect(await badEscape.text()).toContain("invalid percent-encoded character");

  const upper = await request.get("/questions/NOT_A_SLUG");
  expect(upper.status()).toBe(404);
});
