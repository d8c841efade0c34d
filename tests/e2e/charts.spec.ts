/**
 * One colour system and charts that read (issue 13), measured in Chromium's layout: every chart
 * has an accessible name (never recharts' unnamed role="application"), its legend lists the runs
 * in the header's order with the header's colours, no line is drawn in a verdict's colour (light
 * and dark); on the lab's training chart the axis titles are whole, the non-finite band's label
 * is clear of the points and no two tick labels overlap (desktop and phone).
 */
import { type Browser, expect, type Locator, type Page, test } from "@playwright/test";
import { VERDICTS } from "@/lib/sim";
import { bank } from "./support";

type Box = { x: number; y: number; width: number; height: number };

/** Boxes that share more than a hairline (anti-aliasing) of area. */
const overlap = (a: Box, b: Box, slack = 0.5) =>
  a.x + slack < b.x + b.width &&
  b.x + slack < a.x + a.width &&
  a.y + slack < b.y + b.height &&
  b.y + slack < a.y + a.height;
const inside = (a: Box, b: Box, slack = 0.5) =>
  a.x >= b.x - slack &&
  a.y >= b.y - slack &&
  a.x + a.width <= b.x + b.width + slack &&
  a.y + a.height <= b.y + b.height + slack;

/** The question whose first chart compares the most runs (its legend order is the strictest test). */
const question = [...bank].sort((a, b) => (b.scenarios[0]?.fixes.length ?? 0) - (a.scenarios[0]?.fixes.length ?? 0))[0];

/** Each verdict's colour as the browser computes it (rgb(…)), from the page's own custom properties. */
function verdictColours(page: Page): Promise<string[]> {
  return page.evaluate(
    (verdicts) => {
      return verdicts.map((v) => {
        const probe = document.createElement("span");
        probe.style.color = `var(--verdict-${v})`;
        document.body.append(probe);
        const c = getComputedStyle(probe).color;
        probe.remove();
        return c;
      });
    },
    VERDICTS as unknown as string[],
  );
}

/**
 * A figure's run header and its charts: every drawn chart is named, lists the header's runs in
 * the header's order (a training chart's "label — before clipping" counts as its run) in the
 * header's colours, and draws no line in a verdict colour.
 */
async function expectChartsFollowHeader(
  figure: Locator,
  verdicts: string[],
): Promise<{ charts: number; legends: number }> {
  const badges = figure.getByTestId("verdict-badge");
  const labels = await badges.getByTestId("run-label").allTextContents();
  expect(labels.length).toBeGreaterThan(0);
  const swatches = await badges
    .getByTestId("run-swatch")
    .evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor));
  // the verdict words wear the verdict colours, and no run swatch does
  const words = await badges
    .getByTestId("verdict-word")
    .evaluateAll((els) => els.map((e) => getComputedStyle(e).color));
  for (const w of words) expect(verdicts).toContain(w);
  expect(swatches.filter((s) => verdicts.includes(s))).toEqual([]);

  const charts = figure.locator(".recharts-wrapper");
  await expect(charts.first()).toBeVisible();
  const n = await charts.count();
  let legends = 0;
  for (let k = 0; k < n; k++) {
    const chart = charts.nth(k);
    // the chart's own SVG (the legend's icons are SVGs too), named for assistive technology as an
    // image: the SVG itself, or the image it is drawn in
    const svg = chart.locator(":scope > svg.recharts-surface");
    await expect(svg).toHaveCount(1);
    const { role, name } = await svg.evaluate((el) => {
      const img = el.closest('[role="img"]');
      return { role: el.getAttribute("role"), name: img?.getAttribute("aria-label") ?? "" };
    });
    expect(role === "img" || role === null, `chart ${k}: role ${role}`).toBe(true);
    expect(name.trim().length, `chart ${k}: accessible name`).toBeGreaterThan(10);
    const legend = await chart.locator(".recharts-legend-item-text").allTextContents();
    if (legend.length === 0) continue;
    legends++;
    const runOf = legend.map((t) => labels.findIndex((l) => t === l || t.startsWith(`${l} — `)));
    expect(runOf, `chart ${k}: legend ${JSON.stringify(legend)} vs header ${JSON.stringify(labels)}`).not.toContain(-1);
    expect(runOf).toEqual([...runOf].sort((a, b) => a - b));
    // each legend entry in its run's colour, and the lines in the legend's colours, never a verdict's
    const icons = await chart.locator(".recharts-legend-item").evaluateAll((items) =>
      items.map((item) => {
        const drawn = [...item.querySelectorAll("svg *")].find((e) => getComputedStyle(e).stroke !== "none");
        return drawn ? getComputedStyle(drawn).stroke : "";
      }),
    );
    const strokes = await chart
      .locator(".recharts-line path.recharts-curve")
      .evaluateAll((els) => els.map((e) => getComputedStyle(e).stroke));
    expect(strokes).toHaveLength(legend.length);
    expect(icons).toEqual(strokes);
    expect(strokes).toEqual(runOf.map((r) => swatches[r]));
    expect(strokes.filter((s) => verdicts.includes(s))).toEqual([]);
  }
  return { charts: n, legends };
}

test("an answer page from the home page: every chart named, its legend in the header's order and colours, no run in a verdict's colour (light and dark)", async ({
  browser,
}) => {
  if (!question?.scenarios[0]) throw new Error("no question with a scenario");
  for (const colorScheme of ["light", "dark"] as const) {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("link", { name: "Browse the questions" }).click();
    await expect(page).toHaveURL(/\/questions$/);
    await page.getByRole("link", { name: question.title.en, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(question.title.en);
    await page.getByRole("button", { name: "Reveal the answer" }).click();

    const figures = page.locator("#answer figure[data-scenario]");
    await expect(figures).toHaveCount(question.scenarios.length);
    const verdicts = await verdictColours(page);
    expect(new Set(verdicts).size, colorScheme).toBe(3);
    const first = figures.first();
    await expect(first.getByTestId("verdict-badge")).toHaveCount(1 + question.scenarios[0].fixes.length);
    let drawn = 0;
    for (let i = 0; i < question.scenarios.length; i++) {
      const figure = figures.nth(i);
      await figure.scrollIntoViewIfNeeded();
      const { charts, legends } = await expectChartsFollowHeader(figure, verdicts);
      expect(legends, `figure ${i}: a legend to compare`).toBeGreaterThan(0);
      drawn += charts;
    }
    expect(drawn).toBeGreaterThanOrEqual(question.scenarios.length);
    // the histograms, once opened, are named too
    const histograms = first.locator("details").filter({ has: page.locator("summary") });
    if ((await histograms.count()) > 0) {
      await histograms.first().locator("summary").click();
      const cells = first.getByTestId("histogram");
      await expect(cells.first()).toBeVisible();
      for (const name of await cells
        .locator('[role="img"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? "")))
        expect(name.trim().length).toBeGreaterThan(10);
    }
    // nothing is an unnamed application a screen reader would switch into focus mode for
    await expect(page.locator('[role="application"]')).toHaveCount(0);
    await context.close();
  }
});

/** The lab from the home page's header (or its phone menu): A trains at a small step, B (its copy) at one that blows up. */
async function trainingLab(browser: Browser, phone: boolean): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext(
    phone
      ? { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }
      : { viewport: { width: 1366, height: 900 } },
  );
  const page = await context.newPage();
  await page.goto("/");
  if (phone) {
    const menu = page.getByTestId("nav-menu");
    await menu.getByText("Menu").click();
    await menu.getByRole("link", { name: "Lab", exact: true }).click();
  } else await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Lab", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lab");
  const a = page.locator('fieldset[data-slot="a"]');
  await a.getByLabel("Activation").selectOption("relu");
  await a.getByLabel("Initialisation", { exact: true }).selectOption("he");
  await a.getByLabel("Train on the synthetic task first").check();
  await expect(page).toHaveURL(/a\.training=1/);
  await page.getByRole("button", { name: "Add a config to compare" }).click();
  const b = page.locator('fieldset[data-slot="b"]');
  await expect(b).toBeVisible();
  await b.getByLabel("Learning rate").fill("0.1");
  await expect(page).toHaveURL(/b\.train\.lr=0\.1/);
  const badges = page.getByTestId("lab-charts").getByTestId("verdict-badge");
  await expect(badges).toHaveCount(2);
  await expect(badges.nth(1)).toHaveAttribute("data-verdict", "exploding");
  return { page, close: () => context.close() };
}

for (const phone of [false, true])
  test(`the lab's training chart (${phone ? "phone" : "desktop"}): axis titles whole, the non-finite label clear of the points, no tick labels overlapping`, async ({
    browser,
  }) => {
    const { page, close } = await trainingLab(browser, phone);
    const training = page.getByTestId("training-chart");
    await training.scrollIntoViewIfNeeded();
    const blocks = training.locator(":scope > div");
    await expect(blocks).toHaveCount(2);
    const verdicts = await verdictColours(page);
    // the block profile and both training charts: named, legends in the header's order
    expect(await expectChartsFollowHeader(page.getByTestId("lab-charts"), verdicts)).toEqual({ charts: 3, legends: 3 });
    const viewport = page.viewportSize() as { width: number; height: number };
    let nonFiniteLabels = 0;
    for (let k = 0; k < 2; k++) {
      const block = blocks.nth(k);
      const svg = block.locator(".recharts-wrapper > svg.recharts-surface");
      await expect(svg).toBeVisible();
      const svgBox = (await svg.boundingBox()) as Box;

      // the axis titles: the whole words, inside the chart's width and the screen's, nothing cut
      const titles = await block.locator(":scope > p[aria-hidden]").evaluateAll((els) =>
        els.map((el) => {
          const range = document.createRange();
          range.selectNodeContents(el);
          const r = range.getBoundingClientRect();
          return {
            text: el.textContent ?? "",
            box: { x: r.x, y: r.y, width: r.width, height: r.height },
            overflow: el.scrollWidth - el.clientWidth,
          };
        }),
      );
      expect(titles.map((t) => t.text)).toEqual([k === 0 ? "loss ↑" : "gradient norm ↑", "training step →"]);
      for (const t of titles) {
        expect(t.overflow, t.text).toBeLessThanOrEqual(0);
        // (the titles sit above and below the SVG, outside it, so no SVG width can cut them)
        expect(t.box.x, `${t.text} starts inside the chart`).toBeGreaterThanOrEqual(svgBox.x - 0.5);
        expect(t.box.x + t.box.width, `${t.text} ends inside the chart`).toBeLessThanOrEqual(
          svgBox.x + svgBox.width + 0.5,
        );
        expect(t.box.x + t.box.width).toBeLessThanOrEqual(viewport.width);
      }

      // tick labels: inside the SVG, no two overlapping (y ticks among themselves, x ticks, and the corner)
      const ticks = svg.locator("text.recharts-cartesian-axis-tick-value");
      const texts = await ticks.allTextContents();
      const boxes = (await Promise.all((await ticks.all()).map((t) => t.boundingBox()))) as Box[];
      expect(boxes.length).toBeGreaterThan(3);
      for (const [i, a] of boxes.entries()) {
        expect(inside(a, svgBox), `tick "${texts[i]}" inside the chart`).toBe(true);
        for (const [j, b] of boxes.entries())
          if (j > i) expect(overlap(a, b), `ticks "${texts[i]}" and "${texts[j]}" overlap`).toBe(false);
      }

      // the non-finite band's label ("Inf/NaN") and the underflow band's ("0") clear of every point
      const points = svg.locator(".recharts-line-dots > *");
      const pointBoxes = (await Promise.all((await points.all()).map((p) => p.boundingBox()))).filter(
        (b): b is Box => b !== null && b.width > 0,
      );
      expect(pointBoxes.length).toBeGreaterThan(0);
      for (const [i, label] of texts.entries()) {
        if (label !== "Inf/NaN" && label !== "0") continue;
        if (label === "Inf/NaN") nonFiniteLabels++;
        for (const p of pointBoxes)
          expect(overlap(boxes[i] as Box, p), `"${label}" under a point at ${JSON.stringify(p)}`).toBe(false);
      }
    }
    // B blew up: at least one of its curves ends on the non-finite band, which is labelled
    expect(nonFiniteLabels).toBeGreaterThan(0);
    await expect(page.getByTestId("training-chart")).toContainText("non-finite");
    await close();
  });
