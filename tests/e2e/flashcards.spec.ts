import { expect, type Page, test } from "@playwright/test";
import { bank, query, seriousAxeViolations, userIdOf } from "./support";

type LogRow = { slug: string; rating: number; state: number; requestId: string };
type CardRow = { slug: string; state: number; reps: number; lapses: number };

const logsOf = (userId: string) =>
  query<LogRow>(
    `SELECT q.slug, l.rating, l.state, l."requestId" FROM "ReviewLog" l
     JOIN "Card" c ON c.id = l."cardId" JOIN "Question" q ON q.id = c."questionId"
     WHERE l."userId" = ? ORDER BY l.review, l."createdAt"`,
    userId,
  );
const cardsOf = (userId: string) =>
  query<CardRow>(
    `SELECT q.slug, c.state, c.reps, c.lapses FROM "Card" c JOIN "Question" q ON q.id = c."questionId"
     WHERE c."userId" = ? ORDER BY q.position, q.slug`,
    userId,
  );

const card = (page: Page) => page.getByTestId("flashcard");
const title = (slug: string, lang: "en" | "zh" = "en") => {
  const q = bank.find((b) => b.slug === slug);
  if (!q) throw new Error(`no question ${slug}`);
  return q.title[lang];
};

async function open(page: Page) {
  await page.goto("/flashcards");
  await expect(page.getByTestId("flashcard-session")).toHaveAttribute("data-ready", "true");
}

async function currentSlug(page: Page): Promise<string> {
  const slug = await card(page).getAttribute("data-slug");
  if (!slug) throw new Error("no card on screen");
  return slug;
}

test("keyboard review: Space reveals, 3 rates Good, 1 rates Again, Ctrl+Z undoes it; the database agrees", async ({
  page,
  context,
}) => {
  await open(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Flashcards");
  await expect(page.getByTestId("new-count")).toHaveText("20");
  await expect(page.getByTestId("due-count")).toHaveText("0");
  await expect(page.getByText("Keyboard shortcuts")).toBeVisible();

  const first = await currentSlug(page);
  await expect(page.getByRole("heading", { level: 2, name: title(first) })).toBeVisible();
  await expect(page.getByTestId("flashcard-answer")).toHaveCount(0);

  await page.keyboard.press("Space");
  await expect(page.getByTestId("flashcard-answer")).toBeVisible();
  await expect(page.getByTestId("flashcard-answer")).toContainText("Key points");
  // a new card's learning steps: Again 1m, Hard 6m, Good 10m, Easy in days
  await expect(page.getByTestId("interval-1")).toHaveText("1m");
  await expect(page.getByTestId("interval-2")).toHaveText("6m");
  await expect(page.getByTestId("interval-3")).toHaveText("10m");
  await expect(page.getByTestId("interval-4")).toHaveText(/^\d+d$/);
  await expect(page.getByRole("button", { name: /Good/ })).toBeVisible();

  await page.keyboard.press("3");
  await expect(card(page)).not.toHaveAttribute("data-slug", first);
  await expect(page.getByTestId("flashcard-status")).toHaveText("Saved: Good, next review in 10m.");
  await expect(page.getByTestId("new-count")).toHaveText("19");
  await expect(page.getByTestId("flashcard-answer")).toHaveCount(0);

  const userId = await userIdOf(context);
  expect((await logsOf(userId)).map(({ slug, rating, state }) => ({ slug, rating, state }))).toEqual([
    { slug: first, rating: 3, state: 0 },
  ]);
  expect(await cardsOf(userId)).toEqual([{ slug: first, state: 1, reps: 1, lapses: 0 }]);

  const second = await currentSlug(page);
  await page.keyboard.press("Space");
  await page.keyboard.press("1");
  await expect(card(page)).not.toHaveAttribute("data-slug", second);
  await expect(page.getByTestId("new-count")).toHaveText("18");
  expect((await logsOf(userId)).map((l) => [l.slug, l.rating])).toEqual([
    [first, 3],
    [second, 1],
  ]);

  await page.keyboard.press("Control+z");
  await expect(card(page)).toHaveAttribute("data-slug", second);
  await expect(page.getByTestId("flashcard-answer")).toHaveCount(0);
  await expect(page.getByTestId("new-count")).toHaveText("19");
  await expect(page.getByTestId("flashcard-status")).toHaveText(`Undid the rating of “${title(second)}”.`);
  // the log is gone and the card is as before: it was new, so it has no card row again
  expect((await logsOf(userId)).map((l) => [l.slug, l.rating])).toEqual([[first, 3]]);
  expect(await cardsOf(userId)).toEqual([{ slug: first, state: 1, reps: 1, lapses: 0 }]);

  // rate it again with the buttons (as on a phone): Easy graduates it straight to review
  await page.getByRole("button", { name: "Show answer" }).click();
  await page.getByTestId("rate-4").click();
  await expect(card(page)).not.toHaveAttribute("data-slug", second);
  expect(await cardsOf(userId)).toEqual(
    [
      { slug: first, state: 1, reps: 1, lapses: 0 },
      { slug: second, state: 2, reps: 1, lapses: 0 },
    ].sort((a, b) => bank.findIndex((q) => q.slug === a.slug) - bank.findIndex((q) => q.slug === b.slug)),
  );

  // the queue survives a reload: the two rated cards are not new any more
  await page.reload();
  await expect(page.getByTestId("new-count")).toHaveText("18");
});

test("shortcuts do not fire while typing, and the keys do nothing before the answer is shown", async ({ page }) => {
  await open(page);
  const first = await currentSlug(page);
  await page.keyboard.press("3"); // not revealed yet: no rating
  await expect(card(page)).toHaveAttribute("data-slug", first);
  // typing into a field (the browser's own address bar is out of reach; use a field on the page)
  await page.evaluate(() => {
    const input = document.createElement("input");
    input.id = "typing-probe";
    document.body.prepend(input);
  });
  await page.locator("#typing-probe").focus();
  await page.keyboard.type(" 3 ");
  await expect(page.locator("#typing-probe")).toHaveValue(" 3 ");
  await expect(page.getByTestId("flashcard-answer")).toHaveCount(0);
  await expect(card(page)).toHaveAttribute("data-slug", first);
});

test("a double submission is stored once, and a replayed request answers the stored result", async ({
  page,
  context,
}) => {
  await open(page);
  const first = await currentSlug(page);
  await page.keyboard.press("Space");
  await expect(page.getByTestId("flashcard-answer")).toBeVisible();

  const requests: string[] = [];
  page.on("request", (r) => {
    if (r.url().endsWith("/api/flashcards/review")) requests.push(r.postData() ?? "");
  });
  const acknowledged = page.waitForResponse((r) => r.url().endsWith("/api/flashcards/review"));
  // two presses of Good in the same instant (a double key press / double click)
  await page.evaluate(() => {
    for (let i = 0; i < 2; i++) window.dispatchEvent(new KeyboardEvent("keydown", { key: "3", bubbles: true }));
  });
  const response = await acknowledged;
  expect(response.status()).toBe(201);
  await expect(card(page)).not.toHaveAttribute("data-slug", first);
  expect(requests).toHaveLength(1);

  // the same request again (a retry after a lost response): same answer, nothing new stored
  const body = JSON.parse(requests[0] ?? "{}") as { requestId: string; rating: number; questionSlug: string };
  expect(body).toMatchObject({ questionSlug: first, rating: 3 });
  const replay = await page.request.post("/api/flashcards/review", { data: body });
  expect(replay.status()).toBe(200);
  const first201 = (await response.json()) as { review: Record<string, unknown> };
  const replayed = (await replay.json()) as { review: Record<string, unknown> };
  expect(replayed.review).toEqual({ ...first201.review, replayed: true });

  const userId = await userIdOf(context);
  const logs = await logsOf(userId);
  expect(logs).toHaveLength(1);
  expect(logs[0]).toMatchObject({ slug: first, rating: 3, requestId: body.requestId });
});

test("a rating lost to the network is retried with the same requestId and stored once", async ({ page, context }) => {
  await open(page);
  const first = await currentSlug(page);
  const bodies: string[] = [];
  let failures = 0;
  await page.route("**/api/flashcards/review", async (route) => {
    bodies.push(route.request().postData() ?? "");
    if (failures < 2) {
      failures++;
      // the first: lost before the server; the second: the server stores it, the answer is lost
      if (failures === 1) return route.abort("connectionreset");
      await route.fetch();
      return route.abort("connectionreset");
    }
    return route.continue();
  });
  await page.keyboard.press("Space");
  await page.keyboard.press("2");
  await expect(card(page)).not.toHaveAttribute("data-slug", first);
  expect(bodies).toHaveLength(3);
  const ids = bodies.map((b) => (JSON.parse(b) as { requestId: string }).requestId);
  expect(new Set(ids).size).toBe(1);
  const userId = await userIdOf(context);
  expect((await logsOf(userId)).map((l) => [l.slug, l.rating, l.requestId])).toEqual([[first, 2, ids[0]]]);
});

test("in Chinese: the same flow with Chinese labels and intervals", async ({ page, context }) => {
  await open(page);
  await page.getByRole("button", { name: /中文/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("闪卡复习");
  await expect(page.getByTestId("flashcard-session")).toHaveAttribute("data-ready", "true");
  const first = await currentSlug(page);
  await expect(page.getByRole("heading", { level: 2, name: title(first, "zh") })).toBeVisible();
  await expect(page.getByText("键盘快捷键")).toBeVisible();
  await page.keyboard.press("Space");
  await expect(page.getByTestId("flashcard-answer")).toContainText("要点");
  await expect(page.getByRole("button", { name: /良好/ })).toBeVisible();
  await expect(page.getByTestId("interval-3")).toHaveText("10分钟");
  await page.keyboard.press("3");
  await expect(page.getByTestId("flashcard-status")).toHaveText("已保存：良好，10分钟后再复习。");
  await page.keyboard.press("Control+z");
  await expect(card(page)).toHaveAttribute("data-slug", first);
  await expect(page.getByTestId("flashcard-status")).toHaveText(`已撤销对“${title(first, "zh")}”的评分。`);
  const userId = await userIdOf(context);
  expect(await logsOf(userId)).toEqual([]);
  await page.keyboard.press("Space");
  await page.keyboard.press("4");
  await expect(card(page)).not.toHaveAttribute("data-slug", first);
  expect((await logsOf(userId)).map((l) => [l.slug, l.rating])).toEqual([[first, 4]]);
});

test("the daily new-card limit ends the session with the next due time", async ({ page, context }) => {
  await open(page);
  const first = await currentSlug(page);
  await page.keyboard.press("Space");
  await page.keyboard.press("3"); // the first review creates the guest profile
  await expect(card(page)).not.toHaveAttribute("data-slug", first);
  const userId = await userIdOf(context);

  await query('UPDATE "User" SET "newCardsPerDay" = 2 WHERE id = ?', userId);
  await page.reload();
  await expect(page.getByTestId("flashcard-session")).toHaveAttribute("data-ready", "true");
  await expect(page.getByTestId("new-count")).toHaveText("1");
  await expect(page.getByTestId("due-count")).toHaveText("0");
  await page.keyboard.press("Space");
  await page.keyboard.press("4");

  const done = page.getByTestId("flashcards-done");
  await expect(done).toBeVisible();
  // the first card (Good, 10 minutes) is the next one due: a learning card back this session
  await expect(done.getByRole("heading", { name: "Done for now" })).toBeVisible();
  await expect(page.getByTestId("next-due")).toHaveText(
    /^The next card is due in (9|10) minutes \([A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s?[AP]M UTC\); it comes back here by itself\.$/,
  );
  await expect(done).toContainText("New cards introduced today: 2 of 2.");
  await expect(page.getByTestId("new-count")).toHaveText("0");
  expect(await logsOf(userId)).toHaveLength(2);

  // Ctrl+Z brings the last card back even from the finished screen
  await page.keyboard.press("Control+z");
  await expect(card(page)).toBeVisible();
  expect(await logsOf(userId)).toHaveLength(1);
});

test("no serious or critical accessibility violations, front and back, at phone width", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await open(page);
  const scan = () => seriousAxeViolations(page, { wcagOnly: false });
  expect(await scan()).toEqual([]);
  await page.getByRole("button", { name: "Show answer" }).click();
  await expect(page.getByTestId("rate-1")).toBeVisible();
  expect(await scan()).toEqual([]);
  // the four rating buttons fit on a phone screen
  for (const r of [1, 2, 3, 4]) {
    const box = await page.getByTestId(`rate-${r}`).boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 375).toBe(true);
  }
  // keyboard focus is visible on a rating button
  await page.getByTestId("rate-3").focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  const outline = await page.getByTestId("rate-3").evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe("solid");
});

test("the review API answers bad input with a 4xx and a message, never a 500", async ({ request }) => {
  const slug = bank[0]?.slug ?? "";
  const post = (url: string, data: unknown) => request.post(url, { data });
  const errorOf = async (r: Awaited<ReturnType<typeof post>>) => ((await r.json()) as { error: string }).error;

  const noSession = await post("/api/flashcards/undo", {});
  expect(noSession.status()).toBe(404);
  expect(await errorOf(noSession)).toBe("There is no review to undo.");

  const badRating = await post("/api/flashcards/review", {
    questionSlug: slug,
    rating: 5,
    requestId: crypto.randomUUID(),
  });
  expect(badRating.status()).toBe(400);
  expect(await errorOf(badRating)).toBe("rating must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)");

  const badId = await post("/api/flashcards/review", { questionSlug: slug, rating: 3, requestId: "1" });
  expect(badId.status()).toBe(400);
  expect(await errorOf(badId)).toBe("requestId must be a UUID generated by the client");

  const unknown = await post("/api/flashcards/review", {
    questionSlug: "no-such-card",
    rating: 3,
    requestId: crypto.randomUUID(),
  });
  expect(unknown.status()).toBe(404);

  const notJson = await request.post("/api/flashcards/review", {
    data: "rating=3",
    headers: { "content-type": "text/plain" },
  });
  expect(notJson.status()).toBe(415);
  const brokenJson = await request.post("/api/flashcards/review", {
    data: "{",
    headers: { "content-type": "application/json" },
  });
  expect(brokenJson.status()).toBe(400);

  // the same requestId for a different rating is refused, not silently merged
  const requestId = crypto.randomUUID();
  expect((await post("/api/flashcards/review", { questionSlug: slug, rating: 3, requestId })).status()).toBe(201);
  const conflict = await post("/api/flashcards/review", { questionSlug: slug, rating: 1, requestId });
  expect(conflict.status()).toBe(409);
  const undo = await post("/api/flashcards/undo", { requestId });
  expect(undo.status()).toBe(200);
  expect(((await undo.json()) as { undone: { questionSlug: string } }).undone.questionSlug).toBe(slug);
  const undoAgain = await post("/api/flashcards/undo", { requestId });
  expect(await undoAgain.json()).toEqual({ undone: null });
});
