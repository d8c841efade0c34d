/**
 * A newcomer's first minutes, reached as a person reaches them: the header's links, the keyboard,
 * a phone, the other language, a browser without JavaScript.
 */
import { expect, test } from "@playwright/test";
import { bank, seriousAxeViolations } from "./support";

const PHONE = { width: 390, height: 844 };

test("flashcards reached by the header's link answer Space and 1–4 at once; Space on a focused button presses it", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Flashcards" }).click();
  // (the first page a fresh server renders on a busy machine may take a while)
  await expect(page.getByTestId("flashcard-session")).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
  // focus is still on the header's link, as after any click on it
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Flashcards" })).toBeFocused();
  const first = await page.getByTestId("flashcard").getAttribute("data-slug");
  await page.keyboard.press("Space");
  await expect(page.getByTestId("flashcard-answer")).toBeVisible();
  await page.keyboard.press("3");
  await expect(page.getByTestId("flashcard")).not.toHaveAttribute("data-slug", first ?? "");
  await expect(page.getByTestId("flashcard-status")).toHaveText("Saved: Good, next review in 10m.");

  // Space on a focused button is that button's: here Undo (it undoes instead of revealing)
  await page.getByRole("button", { name: /Undo/ }).focus();
  await page.keyboard.press("Space");
  await expect(page.getByTestId("flashcard")).toHaveAttribute("data-slug", first ?? "");
  await expect(page.getByTestId("flashcard-answer")).toHaveCount(0);
});

test("a header link answers its click at once: a spinner on the link until the page it opens is there", async ({
  page,
}) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Dashboard" })).toBeVisible();
  // the dashboard's server answer (its RSC request) held back, as a slow server would
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(
    (url) => url.pathname === "/dashboard" && url.searchParams.has("_rsc"),
    async (route) => {
      await held;
      await route.continue();
    },
  );
  // reached by the keyboard: focus the link, press Enter
  await nav.getByRole("link", { name: "Dashboard" }).focus();
  await page.keyboard.press("Enter");
  await expect(nav.getByRole("link", { name: "Dashboard" }).getByTestId("link-pending")).toBeVisible();
  await expect(nav.getByTestId("link-pending")).toHaveCount(1); // only the link that was pressed
  release();
  await expect(page.getByRole("heading", { level: 1, name: "Your progress" })).toBeVisible({ timeout: 30_000 });
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("link-pending")).toHaveCount(0);
});

test("the list's filters apply as they are chosen, to a clean URL, with Apply and Clear on the inputs' line", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Questions" }).click();
  await expect(page.getByTestId("question-count")).toHaveText(`${bank.length} questions`);
  await page.getByLabel("Topic").selectOption("normalization");
  await expect(page).toHaveURL(/\/questions\?topic=normalization$/);
  const inTopic = bank.filter((q) => q.topic === "normalization").length;
  await expect(page.getByTestId("question-count")).toHaveText(`${inTopic} questions`);
  await page.getByLabel("Difficulty").selectOption("3");
  await expect(page).toHaveURL(/\/questions\?topic=normalization&difficulty=3$/);
  const hard = bank.filter((q) => q.topic === "normalization" && q.difficulty === 3).length;
  await expect(page.getByTestId("question-count")).toHaveText(`${hard} question${hard === 1 ? "" : "s"}`);

  // typing searches after a pause, no Apply needed
  await page.getByLabel("Search").fill("batch");
  await expect(page).toHaveURL(/q=batch/);
  await page.getByLabel("Search").fill("");
  await expect(page).toHaveURL(/\/questions\?topic=normalization&difficulty=3$/);

  // Apply and Clear filters sit on the search input's line, as tall as it
  const bottom = async (name: string | RegExp, role: "button" | "link" | "searchbox") =>
    (await page.getByRole(role, { name }).first().boundingBox()) as { y: number; height: number };
  const select = await bottom("Search", "searchbox");
  for (const [name, role] of [
    ["Apply", "button"],
    ["Clear filters", "link"],
  ] as const) {
    const box = await bottom(name, role);
    expect(Math.abs(box.y + box.height - (select.y + select.height)), name).toBeLessThanOrEqual(2);
    expect(Math.abs(box.height - select.height), name).toBeLessThanOrEqual(2);
  }
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/questions$/);
  await expect(page.getByTestId("question-count")).toHaveText(`${bank.length} questions`);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the filter form still works with Apply, and its empty fields are dropped from the URL", async ({ page }) => {
    await page.goto("/questions");
    await page.getByLabel("Type").selectOption("prediction");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/\/questions\?type=prediction$/);
    const predictions = bank.filter((q) => q.type === "prediction").length;
    await expect(page.getByTestId("question-count")).toHaveText(`${predictions} questions`);
  });
});

test("search finds questions in either language, and an empty result says what to do", async ({ page }) => {
  await page.goto("/questions");
  await page.getByLabel("Search").fill("梯度");
  await expect(page).toHaveURL(/q=%E6%A2%AF%E5%BA%A6/);
  const zhMatches = bank.filter((q) => `${q.title.zh}\n${q.prompt.zh}`.includes("梯度")).length;
  await expect(page.getByTestId("question-count")).not.toHaveText("No questions match");
  expect(zhMatches).toBeGreaterThan(0);
  // shown in English, the page's language
  await expect(page.getByTestId("question-list").getByRole("link").first()).not.toHaveText(/[\u4e00-\u9fff]/);

  // nothing matches: a sentence, and a way out
  await page.getByLabel("Topic").selectOption("recurrent");
  await page.getByLabel("Search").fill("batchnorm");
  await expect(page.getByTestId("no-match")).toBeVisible();
  await expect(page.getByTestId("no-match")).toContainText("No question matches “batchnorm”.");
  await expect(page.getByTestId("no-match")).toContainText("in English and 中文");
  await page.getByRole("link", { name: "Search all questions for “batchnorm”" }).click();
  await expect(page).toHaveURL(/\/questions\?q=batchnorm$/);
  await expect(page.getByTestId("question-list").getByRole("link").first()).toBeVisible();

  // in Chinese, an English word finds questions too
  await page.getByRole("button", { name: /中文/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.goto("/questions");
  await page.getByLabel("搜索").fill("clipping");
  await expect(page).toHaveURL(/q=clipping/);
  await expect(page.getByTestId("question-list").getByRole("link").first()).toHaveText(/[\u4e00-\u9fff]/);
  await page.getByLabel("搜索").fill("没有这样的题目zzz");
  await expect(page.getByTestId("no-match")).toContainText("没有与“没有这样的题目zzz”匹配的题目。");
});

test("every page has a favicon: no request 404s while browsing", async ({ page, request }) => {
  const missing: string[] = [];
  page.on("response", (r) => {
    if (r.status() === 404) missing.push(r.url());
  });
  await page.goto("/");
  await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute("href", /icon|favicon/);
  for (const name of ["Questions", "Quiz", "Flashcards"]) {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name }).click();
    await page.waitForLoadState("networkidle");
  }
  expect(missing).toEqual([]);
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/icon/);
});

for (const scheme of ["light", "dark"] as const) {
  test(`on a phone (${scheme}) the header is one row; its menu opens, closes on Esc and outside, and navigates`, async ({
    page,
  }) => {
    await page.setViewportSize(PHONE);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/");
    const header = await page.locator(".site-header").boundingBox();
    expect(header?.height).toBeLessThanOrEqual(64);
    const menu = page.getByTestId("nav-menu");
    await menu.getByText("Menu").click();
    const links = menu.getByRole("link");
    await expect(links.filter({ hasText: "Flashcards" })).toBeVisible();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await expect(links.filter({ hasText: "Flashcards" })).toBeHidden();
    await expect(menu.locator("summary")).toBeFocused();
    await menu.getByText("Menu").click();
    const title = (await page.locator("h1").boundingBox()) as { x: number; y: number };
    await page.mouse.click(title.x + 4, title.y + 4); // a tap outside, on plain text
    await expect(links.filter({ hasText: "Flashcards" })).toBeHidden();
    await menu.getByText("Menu").click();
    await links.filter({ hasText: "Quiz" }).click();
    await expect(page).toHaveURL(/\/quiz$/);
    await expect(links.filter({ hasText: "Quiz" })).toBeHidden(); // closed on the new page
    // the language switch stays one tap away
    await page.getByRole("button", { name: /中文/ }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByTestId("nav-menu").getByText("菜单")).toBeVisible();
  });
}

test.describe("on a touch screen", () => {
  test.use({ viewport: PHONE, hasTouch: true, isMobile: true });
  test("flashcards show no keyboard hints (no Ctrl+Z), and the buttons still work", async ({ page }) => {
    await page.goto("/flashcards");
    await expect(page.getByTestId("flashcard-session")).toHaveAttribute("data-ready", "true");
    await expect(page.getByRole("button", { name: /Undo/ })).toBeVisible();
    await expect(page.getByText("Ctrl+Z").first()).toBeHidden();
    for (const kbd of await page.locator("kbd").all()) await expect(kbd).toBeHidden();
    await expect(page.getByRole("heading", { name: "Keyboard shortcuts" })).toBeHidden();
    await page.getByRole("button", { name: "Show answer" }).tap();
    await expect(page.getByTestId("flashcard-answer")).toBeVisible();
  });
});
