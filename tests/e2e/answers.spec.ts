/**
 * The answer page as a learner meets it (issues 12, 13): from the home page and the list, the
 * 30-second answer first, then the annotated problem-vs-fix chart with its own caption and its
 * one control, then the full answer; the self-grade saved in place; the prediction loop; the
 * flashcard's back; a phone in Chinese.
 */
import { expect, type Page, test } from "@playwright/test";
import { bank, query, userIdOf } from "./support";

type Q = (typeof bank)[number];

/** A flashcard question whose first scenario offers the init-std control (a normal init it varies). */
const withKnob = bank.find(
  (q): q is Extract<Q, { type: "flashcard" }> =>
    q.type === "flashcard" &&
    (q.scenarios[0]?.varies ?? []).includes("initStd") &&
    q.scenarios[0]?.problem.config.init === "normal",
);
const prediction = bank.find((q) => q.type === "prediction" && q.prediction.kind === "verdict");
/** The flashcard question with the most scenarios (its last one far below the answer's top). */
const manyScenarios = bank
  .filter((q): q is Extract<Q, { type: "flashcard" }> => q.type === "flashcard")
  .sort((a, b) => b.scenarios.length - a.scenarios.length)[0];
/** A verdict prediction question with a scenario of its own below the graded chart. */
const predictionWithScenario = bank.find(
  (q): q is Extract<Q, { type: "prediction" }> =>
    q.type === "prediction" && q.prediction.kind === "verdict" && q.scenarios.length > 0,
);

/** Home → "Browse the questions" → the question's row, as a person gets there. */
async function openFromHome(page: Page, title: string, browse = "Browse the questions") {
  await page.goto("/");
  await page.getByRole("link", { name: browse }).click();
  await expect(page).toHaveURL(/\/questions$/);
  await page.getByRole("link", { name: title, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
}

test("the 30-second answer comes first, then the annotated chart with its own caption, then the full answer", async ({
  page,
}) => {
  if (!withKnob) throw new Error("the bank has no flashcard question with an init-std scenario");
  await openFromHome(page, withKnob.title.en);
  await page.getByRole("button", { name: "Reveal the answer" }).click();

  const answer = page.locator("#answer");
  const short = answer.getByTestId("short-answer");
  await expect(short).toBeVisible();
  await expect(short.getByRole("heading", { name: "In 30 seconds" })).toBeVisible();
  // the first words of the stored short answer (Markdown and math aside)
  const firstWords = withKnob.shortAnswer.en.split(/[$`*]/)[0]?.trim().split(/\s+/).slice(0, 4).join(" ") ?? "";
  await expect(short).toContainText(firstWords);

  // order on the page: short answer → first chart → "The full answer"
  const figure = answer.locator("figure[data-scenario]").first();
  await expect(figure).toBeVisible();
  await expect(figure).toHaveAttribute("data-scenario", withKnob.scenarios[0]?.key ?? "");
  const fullHeading = answer.getByRole("heading", { name: "The full answer" });
  const [yShort = 0, yFigure = 0, yFull = 0] = await Promise.all(
    [short, figure, fullHeading].map(async (l) => (await l.boundingBox())?.y ?? Number.NaN),
  );
  expect(yShort).toBeLessThan(yFigure);
  expect(yFigure).toBeLessThan(yFull);

  // the chart says in words what it measured, and its caption is the scenario's own
  await expect(figure.getByTestId("run-annotation").first()).toContainText(/receives|underflows|overflows/);
  await expect(figure.locator("figcaption")).toContainText(withKnob.scenarios[0]?.title.en ?? "");
  const captions = await answer.locator("figure[data-scenario] figcaption").allTextContents();
  expect(new Set(captions).size).toBe(captions.length); // no generic caption repeated

  // the one control reruns the problem with another init std, by keyboard
  const slider = figure.getByRole("slider");
  const before = await figure.getByTestId("knob-value").textContent();
  await slider.focus();
  await page.keyboard.press("ArrowRight");
  await expect(figure.getByTestId("knob-value")).not.toHaveText(before ?? "");
  await expect(figure.getByTestId("knob-status")).toHaveAttribute("data-status", "shown", { timeout: 20_000 });
  await expect(figure.getByTestId("knob-status")).toContainText(/receives|underflows|overflows/);
});

test("revealed by keyboard, the answer comes with its first chart drawn; a chart further down is drawn as it is scrolled to, and a full load has every chart in its HTML", async ({
  page,
}) => {
  const question = manyScenarios;
  const [first, last] = [question?.scenarios[0], question?.scenarios.at(-1)];
  if (!question || !first || !last || first === last) throw new Error("no flashcard question with two scenarios");
  await page.goto("/");
  await page.getByRole("navigation").getByRole("link", { name: "Questions" }).click();
  await expect(page).toHaveURL(/\/questions$/);
  await page.getByRole("link", { name: question.title.en, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(question.title.en);
  await page.getByRole("button", { name: "Reveal the answer" }).focus();
  await page.keyboard.press("Enter");

  const answer = page.locator("#answer");
  await expect(answer.getByTestId("short-answer")).toBeVisible();
  // the chart the answer opens with is drawn with it, not behind a skeleton of its own
  const opening = answer.locator(`figure[data-scenario="${first.key}"]`);
  await expect(opening.getByTestId(`scenario-charts-${first.key}`).getByTestId("run-annotation").first()).toBeVisible();
  await expect(opening.getByTestId("when-near")).toHaveCount(0);
  // the last scenario, far below: its caption is there, its chart a labelled skeleton until scrolled near
  const below = answer.locator(`figure[data-scenario="${last.key}"]`);
  await expect(below.locator("figcaption")).toContainText(last.title.en);
  const viewport = page.viewportSize()?.height ?? 0;
  expect((await below.boundingBox())?.y ?? 0).toBeGreaterThan(viewport + 400);
  await expect(below.getByTestId("when-near")).toHaveAttribute("data-drawn", "false");
  await expect(below.getByRole("status", { name: last.title.en })).toBeAttached();
  await expect(below.getByTestId(`scenario-charts-${last.key}`)).toHaveCount(0);

  await below.locator("figcaption").scrollIntoViewIfNeeded();
  await expect(below.getByTestId("when-near")).toHaveAttribute("data-drawn", "true");
  await expect(below.getByTestId("verdict-badge")).toHaveCount(1 + last.fixes.length);
  await expect(below.getByTestId(`scenario-charts-${last.key}`).locator("svg.recharts-surface").first()).toBeVisible();
  await expect(below.getByRole("status", { name: last.title.en })).toHaveCount(0);

  // a whole page (a reload, a shared link, no JavaScript) has every chart in its HTML
  const html = await (await page.request.get(`/questions/${question.slug}?answer=1`)).text();
  for (const s of question.scenarios) expect(html).toContain(`data-testid="scenario-charts-${s.key}"`);
  await page.reload();
  await expect(below.getByTestId("when-near")).toHaveAttribute("data-drawn", "true");
  await expect(below.getByTestId(`scenario-charts-${last.key}`)).toBeAttached();
});

test("self-grading shows the choice as pressed and saved, stores it, and keeps the page where it was", async ({
  page,
  context,
}) => {
  if (!withKnob) throw new Error("no flashcard question");
  await openFromHome(page, withKnob.title.en);
  await page.getByRole("button", { name: "Reveal the answer" }).click();
  // the learner's own self-grade, not the stand-in it replaces once their stored grade streams in
  const grade = page.locator('[data-testid="self-grade"]:not([aria-busy])');
  await grade.scrollIntoViewIfNeeded();
  const partly = grade.getByRole("button", { name: "Partly" });
  await expect(partly).toHaveAttribute("aria-pressed", "false");
  const scrollBefore = await page.evaluate(() => window.scrollY);
  expect(scrollBefore).toBeGreaterThan(0);

  await partly.click();
  await expect(page.getByTestId("self-grade-status")).toHaveText("Saved: Partly");
  await expect(partly).toHaveAttribute("aria-pressed", "true");
  await expect(grade.getByRole("button", { name: "All of it" })).toHaveAttribute("aria-pressed", "false");
  const scrollAfter = await page.evaluate(() => window.scrollY);
  expect(Math.abs(scrollAfter - scrollBefore)).toBeLessThan(40); // no jump to the top

  const rows = await query<{ kind: string; score: number }>(
    'SELECT kind, score FROM "Attempt" WHERE "userId" = ? AND kind = ?',
    await userIdOf(context),
    "recall",
  );
  expect(rows.map((r) => Number(r.score))).toEqual([0.5]);

  // a reload shows the stored grade pressed
  await page.reload();
  await expect(page.getByTestId("self-grade").getByRole("button", { name: "Partly" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
});

test("the prediction loop: commit, see the model's answer marked, then the next prediction and a streak", async ({
  page,
}) => {
  if (!prediction) throw new Error("the bank has no verdict prediction question");
  await openFromHome(page, prediction.title.en);
  // committing is the primary action; revealing is secondary
  await expect(page.getByRole("button", { name: "Reveal the answer" })).toHaveClass(/secondary/);
  await page.getByRole("radio", { name: "Healthy" }).check();
  await page.getByRole("button", { name: "Commit my prediction" }).click();

  await expect(page.getByTestId("prediction-result")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("prediction-result")).toContainText("You predicted");
  await expect(page.getByTestId("prediction-streak")).toBeVisible();
  const streak = Number(await page.getByTestId("prediction-streak").getAttribute("data-streak"));
  expect([0, 1]).toContain(streak);
  const next = page.getByTestId("next-prediction");
  await expect(next).toBeVisible();
  const href = await next.getAttribute("href");
  expect(href).toMatch(/^\/questions\/[a-z0-9-]+$/);
  expect(href).not.toBe(`/questions/${prediction.slug}`);
  await next.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.getByRole("button", { name: "Commit my prediction" })).toBeVisible();
});

test("the flashcard's back shows the 30-second answer before the full one (header link, Space)", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation").getByRole("link", { name: "Flashcards" }).click();
  await expect(page).toHaveURL(/\/flashcards$/);
  await page.getByRole("button", { name: /Show answer/ }).click();
  const short = page.getByTestId("short-answer");
  await expect(short).toBeVisible();
  await expect(short.getByRole("heading", { name: "In 30 seconds" })).toBeVisible();
});

test.describe("on a phone, in Chinese", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the short answer and the first chart fit the screen", async ({ page }) => {
    if (!withKnob) throw new Error("no flashcard question");
    await page.goto("/");
    await page.getByRole("button", { name: /中文/ }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", /zh/);
    await openFromHome(page, withKnob.title.zh, "浏览题库");
    await page.getByRole("button", { name: "查看答案" }).click();
    const short = page.getByTestId("short-answer");
    await expect(short).toBeVisible({ timeout: 30_000 }); // the first Chinese render of this body: cold
    await expect(short).toContainText(withKnob.shortAnswer.zh.split(/[$`*，。]/)[0]?.slice(0, 6) ?? "");
    await expect(page.locator("figure[data-scenario]").first()).toBeVisible();
    await expect(page.getByTestId("run-annotation").first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  test("提交预测后，判定与标注的图表一同出现；提交前页面里没有答案；下方的情景图表滚动到附近时才绘制", async ({
    page,
  }) => {
    const question = predictionWithScenario;
    const scenario = question?.scenarios[0];
    if (!question || !scenario) throw new Error("no verdict prediction question with a scenario");
    await page.goto("/");
    await page.getByRole("button", { name: /中文/ }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", /zh/);
    await openFromHome(page, question.title.zh, "浏览题库");
    // before the commit neither the page nor its HTML holds the answer or the graded chart
    await expect(page.locator("#answer")).toHaveCount(0);
    for (const html of [await page.content(), await (await page.request.get(`/questions/${question.slug}`)).text()]) {
      expect(html).not.toContain('id="answer"');
      expect(html).not.toContain("prediction-charts");
      expect(html).not.toContain("run-annotation");
    }
    await page.getByRole("radio", { name: "健康" }).check();
    await page.getByRole("button", { name: "提交我的预测" }).click();

    const result = page.getByTestId("prediction-result");
    await expect(result).toBeVisible({ timeout: 20_000 });
    // the graded chart comes with the result, not after a skeleton of its own
    const graded = page.getByTestId("prediction-charts");
    await expect(graded.getByTestId("verdict-badge").first()).toBeVisible();
    await expect(page.locator("#prediction-result").getByRole("status", { name: question.title.zh })).toHaveCount(0);
    // the scenario below it is drawn once it is scrolled near
    const figure = page.locator(`figure[data-scenario="${scenario.key}"]`);
    await expect(figure.locator("figcaption")).toContainText(scenario.title.zh);
    await figure.locator("figcaption").scrollIntoViewIfNeeded();
    await expect(figure.getByTestId("when-near")).toHaveAttribute("data-drawn", "true");
    await expect(figure.getByTestId("verdict-badge")).toHaveCount(1 + scenario.fixes.length);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
