import { expect, test } from "@playwright/test";

const background = (page: import("@playwright/test").Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test("the theme follows the system until the learner picks one, and the choice is remembered", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/questions");
  await expect(page.locator("html")).not.toHaveAttribute("data-theme");
  expect(await background(page)).toBe("rgb(255, 255, 255)");

  await page.getByRole("button", { name: /^Theme: System/ }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await background(page)).toBe("rgb(17, 19, 24)");
  await expect(page).toHaveURL(/\/questions$/);

  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");

  // Light wins over a dark system preference once chosen.
  await page.emulateMedia({ colorScheme: "dark" });
  await page.getByRole("button", { name: /^Theme: Dark/ }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  expect(await background(page)).toBe("rgb(255, 255, 255)");

  await page.getByRole("button", { name: /^Theme: Light/ }).click();
  await expect(page.locator("html")).not.toHaveAttribute("data-theme");
  expect(await background(page)).toBe("rgb(17, 19, 24)"); // system = dark now
});
