/**
 * Spaced repetition by drill family (ADR 33) as a learner meets it: from the home page's header
 * to a family, a deliberate miss, the family marked as missed and back in a minute on /drills,
 * then — once its minute has passed — due, served by "Mixed", and due on the dashboard.
 */
import { expect, test } from "@playwright/test";

test("a missed drill family comes back after its minute: marked on /drills, served by Mixed, due on the dashboard", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const nav = page.getByRole("navigation", { name: "Main" });
  await page.goto("/");
  await nav.getByRole("link", { name: "Drills" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Drills" })).toBeVisible();
  const due = page.getByTestId("drill-due-estimate-ratio");
  await expect(due).toHaveText("New");

  // 399 decades is no gradient ratio of a net this shallow: a miss, whatever the seed
  await page.getByTestId("drill-family-estimate-ratio").click();
  await expect(page).toHaveURL(/\/drills\/estimate-ratio\/\d+$/);
  const field = page.locator('input[name="answer"]');
  await expect(field).toBeFocused();
  await page.keyboard.type("399");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("drill-result").getByRole("heading", { level: 2 })).toHaveText("Not this time.", {
    timeout: 30_000,
  });
  const missedAt = Date.now();

  await nav.getByRole("link", { name: "Drills" }).click();
  await expect(due).toHaveAttribute("data-due", "later");
  await expect(due).toHaveText(/^Missed last time — back in (<1m|1m)$/);
  await expect(page.getByTestId("drills-due-count")).toHaveText(
    "No family is due; Mixed practises the one due soonest.",
  );
  // within its minute, Mixed serves a family not tried yet
  if (Date.now() - missedAt < 45_000) {
    await page.getByTestId("drill-mixed").click();
    await expect(page).toHaveURL(/\/drills\/[a-z0-9-]+\/\d+\?mixed=1$/);
    expect(page.url()).not.toContain("/drills/estimate-ratio/");
    await nav.getByRole("link", { name: "Drills" }).click();
  }

  // once the minute has passed, the family is due again (the page is read afresh, as a learner reloads it)
  await page.waitForTimeout(Math.max(0, missedAt + 61_000 - Date.now()));
  await expect(async () => {
    await page.reload();
    await expect(due).toHaveAttribute("data-due", "due", { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(due).toHaveText("Missed last time — due now");
  await expect(page.getByTestId("drills-due-count")).toHaveText("1 family is due.");
  await page.getByTestId("drill-mixed").click();
  await expect(page).toHaveURL(/\/drills\/estimate-ratio\/\d+\?mixed=1$/);

  await nav.getByRole("link", { name: "Dashboard" }).click();
  const progress = page.getByTestId("drill-progress");
  await expect(progress.getByTestId("drills-due-count")).toHaveText("1 family is due.");
  await expect(progress.getByTestId("drill-stats-estimate-ratio")).toContainText("0 / 1");
  await expect(progress.getByTestId("drill-due-estimate-ratio")).toHaveText("Missed last time — due now");
});
