/**
 * A returning learner's day, reached from the home page and the header: Today, flashcards that
 * bring a learning card back when due and end with a summary, the phone's rating row, the list in
 * its learning order with sorting, progress and a random unseen question, the dashboard on a phone,
 * and the time zone taken from the browser.
 */
import { expect, type Page, test } from "@playwright/test";
import { bank, query, seriousAxeViolations, userIdOf } from "./support";

const PHONE = { width: 390, height: 844 };
const DAY = 86_400_000;

/** Time passing (cards coming due), which no button does, is written to the server's database. */
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

async function reviewCards(page: Page, n: number, rating = "3") {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Flashcards" }).click();
  await expect(page.getByTestId("flashcard-session")).toHaveAttribute("data-ready", "true");
  const card = page.getByTestId("flashcard");
  for (let i = 0; i < n; i++) {
    const slug = await card.getAttribute("data-slug");
    await page.keyboard.press("Space");
    await page.keyboard.press(rating);
    // the next card, or the end of the session (one locator: reading the attribute of a card that
    // has just left the page would wait for it until the timeout)
    const next = page.locator(`[data-testid="flashcards-done"], [data-testid="flashcard"]:not([data-slug="${slug}"])`);
    await expect(next.first()).toBeVisible({ timeout: 30_000 });
  }
}

test("a returning learner sees Today on the home page and the dashboard: due, new, streak, Start review, Continue quiz", async ({
  page,
  context,
}) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vanishing and exploding gradients, understood");
  await expect(page.getByTestId("today")).toHaveCount(0);
  await reviewCards(page, 3);

  // a quiz left after one answer
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Quiz" }).click();
  await expect(page.getByTestId("quiz-match-count")).toContainText("A quiz of");
  for (const box of await page.locator('input[name="type"]').all())
    await box.setChecked((await box.getAttribute("value")) === "choice");
  await page.getByRole("radio", { name: "5 questions" }).check();
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await expect(page.getByTestId("quiz-question")).toBeVisible();
  await page.keyboard.press("1");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("quiz-feedback")).toBeVisible();

  await page.getByRole("link", { name: "GradLab" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome back");
  const today = page.getByTestId("today");
  await expect(today.getByTestId("today-due")).toHaveText("0");
  await expect(today.getByTestId("today-new")).toHaveText("17");
  await expect(today.getByTestId("today-streak")).toHaveText("1-day streak");
  await expect(today.getByTestId("today-quiz")).toHaveText("Continue quiz (1 / 5)");
  await today.getByTestId("today-quiz").click();
  await expect(page.getByTestId("quiz-progress")).toHaveText("2 / 5");

  // the next day: the three cards are due
  const userId = await userIdOf(context);
  await query('UPDATE "Card" SET due = ? WHERE "userId" = ?', iso(Date.now() - DAY), userId);
  await page.getByRole("link", { name: "GradLab" }).click();
  await expect(today.getByTestId("today-due")).toHaveText("3");
  expect((await query<{ n: number }>('SELECT COUNT(*) AS n FROM "Card" WHERE "userId" = ?', userId))[0]?.n).toBe(3);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByTestId("today").getByTestId("today-due")).toHaveText("3");
  await page.getByTestId("today").getByRole("link", { name: "Start review" }).click();
  await expect(page).toHaveURL(/\/flashcards$/);
  await expect(page.getByTestId("due-count")).toHaveText("3");

  await page.getByRole("button", { name: /中文/ }).click();
  await page.getByRole("link", { name: "GradLab" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("欢迎回来");
  await expect(page.getByTestId("today")).toContainText("张待复习");
  await expect(page.getByTestId("today").getByRole("link", { name: "开始复习" })).toBeVisible();
  expect(await seriousAxeViolations(page)).toEqual([]);
});

test("a card rated Again counts down and comes back by itself when due; the session ends with a summary", async ({
  page,
}) => {
  test.setTimeout(180_000);
  // one new card a day, set as a learner sets it
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  await page.goto("/settings");
  await page.getByLabel("New cards per day").fill("1");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();

  await reviewCards(page, 1, "1");
  const done = page.getByTestId("flashcards-done");
  await expect(done.getByRole("heading", { name: "Done for now" })).toBeVisible();
  const nextDue = page.getByTestId("next-due");
  await expect(nextDue).toHaveText(
    /^The next card is due in (1 minute|\d+ seconds) \(.+\); it comes back here by itself\.$/,
  );
  // the countdown moves
  await expect(nextDue).toHaveText(/in \d+ seconds/, { timeout: 20_000 });
  const before = await nextDue.textContent();
  await expect(nextDue).not.toHaveText(before ?? "", { timeout: 5_000 });

  // when due, the card is back without a reload
  const card = page.getByTestId("flashcard");
  await expect(card).toBeVisible({ timeout: 90_000 });
  await expect(card.locator(".badge").first()).toHaveText("Learning");
  await page.keyboard.press("Space");
  await page.keyboard.press("3");
  await expect(done).toBeVisible();
  await expect(page.getByTestId("session-summary")).toHaveText("This session: 2 reviews in 1 minute, 50% rated Again.");
  expect(await seriousAxeViolations(page)).toEqual([]);
});

for (const scheme of ["light", "dark"] as const) {
  test(`on a phone (${scheme}) the ratings are one row of four ≥ 48 px buttons and the answer is in view`, async ({
    page,
  }) => {
    await page.setViewportSize(PHONE);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/");
    await page.getByTestId("nav-menu").getByText("Menu").click();
    await page.getByTestId("nav-menu").getByRole("link", { name: "Flashcards" }).click();
    await expect(page.getByTestId("flashcard-session")).toHaveAttribute("data-ready", "true");
    await page.getByRole("button", { name: "Show answer" }).click();
    const answer = page.getByTestId("flashcard-answer");
    await expect(answer).toBeVisible();
    const boxes = await Promise.all([1, 2, 3, 4].map((r) => page.getByTestId(`rate-${r}`).boundingBox()));
    const [first] = boxes;
    for (const b of boxes) {
      expect(b).not.toBeNull();
      if (!b || !first) continue;
      expect(Math.abs(b.y - first.y)).toBeLessThanOrEqual(1); // one row
      expect(b.height).toBeGreaterThanOrEqual(48);
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(PHONE.width);
    }
    // the answer starts on screen, above the pinned rating row
    await page.waitForTimeout(300); // the smooth part of scrolling, if any
    const a = await answer.boundingBox();
    expect(a && first && a.y >= 0 && a.y < first.y).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
}

test("the list: a learning order, sorting, progress bars, compact rows and a random unseen question", async ({
  page,
  context,
}) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto("/");
  await page.getByRole("link", { name: "Browse the questions" }).click();
  const rows = page.getByTestId("question-list").locator("li");
  await expect(rows.first()).toContainText("1.");
  await expect(rows.first().getByRole("link")).toHaveText("What are vanishing and exploding gradients?");
  // compact: a dozen rows or more on a laptop screen
  const visible = await rows.evaluateAll(
    (els) => els.filter((el) => el.getBoundingClientRect().bottom <= window.innerHeight).length,
  );
  expect(visible).toBeGreaterThanOrEqual(12);

  await page.getByLabel("Order").selectOption("difficulty");
  await expect(page).toHaveURL(/sort=difficulty/);
  const easy = bank.filter((q) => q.difficulty === 1).length;
  await expect(rows.nth(easy - 1).locator(".badge.difficulty-1")).toBeVisible();
  await expect(rows.nth(easy).locator(".badge.difficulty-1")).toHaveCount(0);

  // progress: one mastered card (as FSRS leaves it after weeks of good reviews)
  await reviewCards(page, 1);
  const userId = await userIdOf(context);
  await query(
    'UPDATE "Card" SET state = 2, "scheduledDays" = 30, due = ? WHERE "userId" = ?',
    iso(Date.now() + 30 * DAY),
    userId,
  );
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Questions" }).click();
  await expect(page.getByTestId("mastery-all")).toHaveText(`1 / ${bank.length} mastered`);
  await page.getByTestId("mastery").locator("summary").click();
  await expect(page.getByTestId("mastery-topic-fundamentals")).toContainText(
    `1/${bank.filter((q) => q.topic === "fundamentals").length}`,
  );
  await expect(page.getByTestId("mastery")).toContainText("Mastered: a flashcard whose next review is 21 days");

  await page.getByLabel("Order").selectOption("status");
  await expect(page).toHaveURL(/sort=status/);
  await expect(rows.last().getByTestId(/^status-/)).toHaveText("Mastered");

  await page.getByRole("link", { name: "Random unseen question →" }).click();
  await expect(page).toHaveURL(/\/questions\/[a-z0-9-]+$/);
  const slug = new URL(page.url()).pathname.split("/").pop();
  expect(slug).not.toBe(bank[0]?.slug); // the one studied is not unseen
  expect(bank.some((q) => q.slug === slug)).toBe(true);
  expect(await seriousAxeViolations(page)).toEqual([]);
});

test("the dashboard on a phone: empty states say what to do; the heatmap fits with labels and today's cell in view", async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await page.goto("/");
  await page.getByTestId("nav-menu").getByText("Menu").click();
  await page.getByTestId("nav-menu").getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByTestId("dashboard-empty")).toContainText("Nothing here yet");
  await expect(page.getByTestId("heatmap-empty")).toContainText("No reviews yet.");
  await expect(page.getByTestId("heatmap-empty").getByRole("link", { name: "Start review" })).toBeVisible();
  await expect(page.getByTestId("forecast-empty").getByRole("link", { name: "Start review" })).toBeVisible();
  await expect(page.getByTestId("accuracy-empty").getByRole("link", { name: "Take a quiz" })).toBeVisible();
  await expect(page.getByTestId("stat-retention")).toHaveText("—");
  await expect(page.getByTestId("status-definitions")).toContainText("Learning");
  await expect(page.getByTestId("status-definitions")).toContainText("A flashcard in its first steps");
  expect(await seriousAxeViolations(page)).toEqual([]);

  await page.getByTestId("heatmap-empty").getByRole("link", { name: "Start review" }).click();
  await expect(page.getByTestId("flashcard-session")).toHaveAttribute("data-ready", "true");
  await page.getByRole("button", { name: "Show answer" }).click();
  await page.getByTestId("rate-3").click();
  await expect(page.getByTestId("flashcard-status")).toContainText("Saved");
  // one graded answer for the accuracy bars
  const choice = bank.find((q) => q.type === "choice");
  if (choice?.type !== "choice") throw new Error("no choice question");
  await page.goto(`/questions/${choice.slug}`);
  await page.locator(`input[name="option"][value="${choice.choice.options.find((o) => o.correct)?.id}"]`).check();
  if (choice.choice.multiple)
    for (const o of choice.choice.options.filter((o) => o.correct))
      await page.locator(`input[name="option"][value="${o.id}"]`).check();
  await page.getByRole("button", { name: "Check my answer" }).click();
  await expect(page.getByTestId("choice-result")).toBeVisible();

  await page.getByTestId("nav-menu").getByText("Menu").click();
  await page.getByTestId("nav-menu").getByRole("link", { name: "Dashboard" }).click();
  const heatmap = page.getByTestId("heatmap");
  await expect(heatmap).toBeVisible();
  const box = await heatmap.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);
  const todayCell = heatmap.locator('[data-today="true"]');
  const cell = await todayCell.boundingBox();
  expect(cell && cell.x >= 0 && cell.x + cell.width <= PHONE.width).toBe(true);
  await expect(todayCell).toHaveAttribute("data-level", /[1-4]/);
  await expect(heatmap).toContainText("Mon");
  await expect(heatmap).toContainText(/Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec/);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
  // the accuracy bars say their values; a group without answers says so
  await expect(page.getByText(/\d+ % · \d+\/\d+/).first()).toBeVisible();
  await expect(page.getByText("no answers yet").first()).toBeVisible();
  // one first-time review is no retention figure
  await expect(page.getByTestId("stat-retention")).toHaveText("—");
  expect(await seriousAxeViolations(page)).toEqual([]);
});

test.describe("in Shanghai", () => {
  test.use({ timezoneId: "Asia/Shanghai" });
  test("a guest's days run on the browser's time zone, shown and editable in settings", async ({ page, context }) => {
    await page.goto("/");
    await reviewCards(page, 1);
    const userId = await userIdOf(context);
    expect((await query<{ timeZone: string }>('SELECT "timeZone" FROM "User" WHERE id = ?', userId))[0]?.timeZone).toBe(
      "Asia/Shanghai",
    );
    await page.goto("/settings");
    await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Shanghai");
    await page.getByLabel("Time zone").selectOption("Europe/Berlin");
    await expect(page.getByText("Your browser is set to Asia/Shanghai.")).toBeVisible();
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Settings saved.")).toBeVisible();
    expect((await query<{ timeZone: string }>('SELECT "timeZone" FROM "User" WHERE id = ?', userId))[0]?.timeZone).toBe(
      "Europe/Berlin",
    );
    await page.reload();
    await page.getByRole("button", { name: "Use Asia/Shanghai" }).click();
    await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Shanghai");
  });
});

test.describe("in New York", () => {
  test.use({ timezoneId: "America/New_York" });
  test("an account made at sign-up starts in the browser's time zone", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: "Sign up" }).click();
    const name = `tz_${Date.now().toString(36)}`;
    await page.getByLabel("Username").fill(name);
    await page.getByLabel("Password", { exact: true }).fill("vanishing-grads-2026");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    expect(
      (await query<{ timeZone: string }>('SELECT "timeZone" FROM "User" WHERE username = ?', name))[0]?.timeZone,
    ).toBe("America/New_York");
    await expect(page.getByText("(America/New_York)")).toBeVisible();
  });
});
