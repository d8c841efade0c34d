/**
 * The lab in the browser, reached the way a person reaches it (the home page, the header, the
 * keyboard, a phone, Chinese): a knob redraws the charts from the engine running in a Web Worker
 * here — no request to the server — with the server's numbers; a run superseded by a newer knob is
 * stopped; presets and the training cap explain themselves. Expected verdicts come from running
 * the engine in the test.
 */
import { readFile } from "node:fs/promises";
import { expect, type Page, type Request, test } from "@playwright/test";
import { sci } from "@/lib/charts/log-scale";
import { PRESETS } from "@/lib/lab/presets";
import { parseSimConfig, type SimConfigInput, type SimResult, simulate } from "@/lib/sim";

function runOf(config: SimConfigInput): SimResult {
  const parsed = parseSimConfig(config);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return simulate(parsed.config, { timing: false });
}

const verdictOf = (config: SimConfigInput): string => runOf(config).summary.verdict;

/**
 * Requests that would mean a server round trip for a run: the engine's API or a re-render of the
 * lab. Not the router's prefetches of the header's links (the Lab link among them), which come
 * whenever the browser is idle and run nothing.
 */
function serverRuns(page: Page): Request[] {
  const seen: Request[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    const prefetch = r.headers()["next-router-prefetch"] === "1";
    if (url.pathname.startsWith("/api/simulate") || (url.pathname === "/lab" && !prefetch)) seen.push(r);
  });
  return seen;
}

/** Deep equality where numbers agree to 1e-12 relative. */
function expectClose(actual: unknown, expected: unknown, path = "$"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    expect(Math.abs(actual - expected), path).toBeLessThanOrEqual(Math.abs(expected) * 1e-12);
    return;
  }
  if (typeof expected === "object" && expected !== null && typeof actual === "object" && actual !== null) {
    expect(Object.keys(actual), path).toEqual(Object.keys(expected));
    for (const [k, v] of Object.entries(expected))
      expectClose((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

const badges = (page: Page) => page.getByTestId("lab-charts").getByTestId("verdict-badge");
const slot = (page: Page, s: string) => page.locator(`fieldset[data-slot="${s}"]`);

test("from the home page's header to the lab: each knob redraws the chart in the browser, with the server's numbers", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Lab", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lab");
  await expect(badges(page)).toHaveCount(1); // drawn by the server
  await expect(page.getByText("at initialisation").first()).toBeVisible();
  const requests = serverRuns(page);

  const a = slot(page, "a");
  await a.getByLabel("Activation").selectOption("sigmoid");
  await expect(page).toHaveURL(/a\.activation=sigmoid/);
  await expect(page.getByTestId("lab-status")).toHaveText("Updated in your browser.");
  await expect(badges(page).first()).toHaveAttribute(
    "data-verdict",
    verdictOf({ model: "mlp", activation: "sigmoid" }),
  );
  await expect(badges(page).first()).toContainText("Sigmoid");

  // typing a number: the chart follows without a button
  await a.getByLabel("Depth (layers)").fill("30");
  await expect(badges(page).first()).toContainText("MLP 30×64");
  await expect(badges(page).first()).toHaveAttribute(
    "data-verdict",
    verdictOf({ model: "mlp", depth: 30, activation: "sigmoid" }),
  );
  await expect(page.getByTestId("layer-strip-a").locator("li")).toHaveCount(29);
  expect(page.workers().length).toBeGreaterThan(0);
  expect(requests.map((r) => r.url())).toEqual([]);

  // the browser's result is the server's for the same config: the same structure and verdicts,
  // every number within 1e-12 relative. Not byte for byte: the engine calls Math.exp, Math.log and
  // Math.cos, whose last bit ECMAScript leaves to each JavaScript engine, and Chromium's V8 and
  // Node's differ there (measured: ~1e-16 relative on this config). Grading stays on the server.
  // Read as a person gets it: the download link (a blob: URL, which the page's CSP rightly keeps
  // out of fetch — connect-src 'self').
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-json-a").click()]);
  expect(download.suggestedFilename()).toBe("gradlab-a.json");
  const local = JSON.parse(await readFile(await download.path(), "utf8"));
  const server = await (
    await page.request.get("/api/simulate?model=mlp&depth=30&width=64&batch=32&activation=sigmoid")
  ).json();
  local.meta.elapsedMs = server.meta.elapsedMs;
  expectClose(local, server);

  // Back steps through the knobs, still without the server
  await page.goBack();
  await expect(page).not.toHaveURL(/a\.depth=30/);
  await expect(a.getByLabel("Depth (layers)")).toHaveValue("10");
  await expect(badges(page).first()).toContainText("MLP 10×64");
  expect(requests.filter((r) => new URL(r.url()).pathname.startsWith("/api/simulate"))).toEqual([]);
});

test("a run superseded by a newer knob is stopped, and the chart shows the newer config", async ({ page }) => {
  const big = "a.model=mlp&a.depth=50&a.width=256&a.batch=64";
  await page.goto(`/lab?${big}`);
  await expect(badges(page)).toHaveCount(1);
  const requests = serverRuns(page);
  const closed: string[] = [];
  page.on("worker", (w) => w.on("close", () => closed.push(w.url())));

  const a = slot(page, "a");
  await a.getByLabel("Activation").selectOption("relu"); // the 50 × 256 net starts in the worker…
  await expect(page.getByTestId("lab-status")).toHaveText("Running…");
  await a.getByLabel("Depth (layers)").fill("4"); // …and is stopped by this knob
  await expect(badges(page).first()).toContainText("MLP 4×256");
  await expect(badges(page).first()).toHaveAttribute(
    "data-verdict",
    verdictOf({ model: "mlp", depth: 4, width: 256, batch: 64, activation: "relu" }),
  );
  await expect.poll(() => closed.length).toBeGreaterThan(0); // the stale run's worker was terminated
  await expect(page.getByTestId("lab-status")).toHaveText("Updated in your browser.");
  expect(requests.map((r) => r.url())).toEqual([]);
});

test("keyboard only: the header link, a preset, an arrow key on a select", async ({ page }) => {
  await page.goto("/");
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement?.textContent)) === "Lab") break;
  }
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lab");
  const requests = serverRuns(page);

  await page.getByTestId("preset-xavierVsHe").focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/b\.init=he/);
  await expect(badges(page)).toHaveCount(2);
  await expect(badges(page).nth(0)).toHaveAttribute(
    "data-verdict",
    verdictOf({ model: "mlp", depth: 30, activation: "relu", init: "xavier" }),
  );
  await expect(badges(page).nth(1)).toHaveAttribute(
    "data-verdict",
    verdictOf({ model: "mlp", depth: 30, activation: "relu", init: "he" }),
  );

  const activation = slot(page, "b").getByLabel("Activation");
  await activation.focus();
  await page.keyboard.press("ArrowDown"); // relu → leaky_relu
  await expect(activation).toHaveValue("leaky_relu");
  await expect(badges(page).nth(1)).toContainText("Leaky ReLU");
  expect(requests.filter((r) => new URL(r.url()).pathname.startsWith("/api/simulate"))).toEqual([]);
});

test("in 中文, by keyboard from the header: the Pre-LN vs Post-LN preset draws both Transformers, Post-LN's top block above Pre-LN's", async ({
  page,
}) => {
  const preset = PRESETS.find((p) => p.id === "preVsPostLn");
  if (!preset) throw new Error("no Pre-LN vs Post-LN preset");
  const [pre, post] = preset.configs.map(runOf);
  if (pre?.model !== "transformer" || post?.model !== "transformer") throw new Error("not Transformer runs");
  const top = (r: typeof pre) => r.layers[r.layers.length - 1]?.activationGradNorm ?? Number.NaN;

  await page.goto("/");
  await page.getByRole("button", { name: /中文/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  const focused = () => page.evaluate(() => document.activeElement?.textContent ?? "");
  for (let i = 0; i < 12 && (await focused()) !== "实验室"; i++) await page.keyboard.press("Tab");
  expect(await focused()).toBe("实验室");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("实验室");
  const card = page.getByTestId("preset-preVsPostLn");
  await expect(card).toContainText("Pre-LN 与 Post-LN");
  await expect(card).toContainText("Xiong");
  for (
    let i = 0;
    i < 30 && (await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))) !== "preset-preVsPostLn";
    i++
  )
    await page.keyboard.press("Tab");
  await expect(card).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/a\.norm=pre.*b\.norm=post|b\.norm=post.*a\.norm=pre/);

  // both runs' badges, in the engine's verdicts, at initialisation
  await expect(badges(page)).toHaveCount(2);
  for (const [i, r] of [pre, post].entries()) {
    await expect(badges(page).nth(i)).toHaveAttribute("data-verdict", r.summary.verdict);
    await expect(badges(page).nth(i)).toContainText("初始化时");
  }
  await expect(badges(page).nth(0)).toContainText("Pre-LN");
  await expect(badges(page).nth(1)).toContainText("Post-LN");
  // one block chart with both lines, named in Chinese; its table ends on the engine's top-block numbers
  const chart = page.getByTestId("lab-charts").getByTestId("profile-block");
  await expect(chart.locator(".recharts-line")).toHaveCount(2);
  await expect(chart.getByRole("img", { name: /^各块的梯度范数/ })).toBeVisible();
  const last = chart.locator("table tbody tr").last();
  await expect(last.locator("th")).toHaveText(String(pre.layers.length));
  // (the chart's props carry 4 significant digits, lib/charts/series.ts, and the table shows 3)
  const shown = (v: number) => sci(Number(v.toPrecision(4)));
  await expect(last.locator("td")).toHaveText([shown(top(pre)), shown(top(post))]);
  expect(top(post)).toBeGreaterThan(3 * top(pre)); // what the caption says, in the engine's numbers
});

test("on a phone, in Chinese: presets bring the results into view, words are translated, training is capped and said", async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto("/");
  await page.getByRole("button", { name: /中文/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  // on a phone the header's links are in its menu
  const menu = page.getByTestId("nav-menu");
  await menu.getByText("菜单").click();
  await menu.getByRole("link", { name: "实验室", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("实验室");

  await page.getByTestId("preset-batchNormResidual").click();
  await expect(badges(page)).toHaveCount(2);
  await expect(page.getByRole("heading", { name: "结果" })).toBeInViewport();
  await expect(badges(page).nth(1)).toContainText("残差");
  await expect(badges(page).nth(1)).toContainText("初始化时");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // the default training config at depth 50 is over the limit: the steps are capped, in words
  const a = slot(page, "a");
  await a.getByLabel("先在合成任务上训练").check();
  await expect(page).toHaveURL(/a\.training=1/);
  expect(new URL(page.url()).searchParams.getAll("a.training")).toEqual(["1"]);
  await expect(a.getByTestId("steps-capped")).toContainText("训练步数已从 50 降到");
  await expect(badges(page).nth(0)).toContainText("训练");

  // a value out of range is explained under its field
  await a.getByLabel("深度（层数）").fill("500");
  await expect(a.getByTestId("field-error")).toHaveText("请输入 1 到 200 之间的整数。");
  await expect(a.getByLabel("深度（层数）")).toHaveAttribute("aria-invalid", "true");
  await context.close();
});

test("a shared link with three new configs, opened on a phone in 中文, shows all three charts at once", async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto("/");
  await page.getByRole("button", { name: /中文/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  // a friend's link: three configs nobody has run yet (fresh seeds), so the server computes all
  // three for this one visitor, whose public lane allows two runs at a time
  const seed = Date.now() % 1_000_000;
  const link = `/lab?a.model=mlp&a.depth=20&a.seed=${seed}&b.model=mlp&b.depth=20&b.activation=relu&b.init=he&b.seed=${seed + 1}&c.model=mlp&c.depth=20&c.norm=layer&c.seed=${seed + 2}`;
  const requests = serverRuns(page);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("实验室");
  await expect(badges(page)).toHaveCount(3);
  await expect(page.getByTestId("lab-refused")).toHaveCount(0);
  for (const s of ["a", "b", "c"]) await expect(page.getByTestId(`layer-strip-${s}`).locator("li")).toHaveCount(19);
  // drawn by the server's page, not fetched again by the browser
  expect(requests.filter((r) => new URL(r.url()).pathname.startsWith("/api/simulate"))).toEqual([]);
  // and the CSV of the same three configs downloads (one request, three runs, now from the cache)
  const csv = await page.request.get(`/api/simulate/csv?${link.split("?")[1]}`);
  expect(csv.status()).toBe(200);
  const configsInCsv = new Set(
    (await csv.text())
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(",")[0]),
  );
  expect(configsInCsv).toEqual(new Set(["a", "b", "c"]));
  await context.close();
});

test("an over-budget Transformer is told to shrink its own knobs, in English and 中文", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Lab", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lab");
  const a = slot(page, "a");
  await a.getByLabel("Model", { exact: true }).selectOption("transformer");
  await expect(a.getByLabel("Sequence length")).toBeVisible();
  await a.getByLabel("Depth (layers)").fill("48");
  await a.getByLabel("Model width d").fill("256");
  await a.getByLabel("Sequence length").fill("128");
  await a.getByLabel("Batch").fill("16");
  const errors = page.getByTestId("lab-errors");
  await expect(errors).toContainText("make the depth, model width d, sequence length or batch smaller");
  await expect(errors).not.toContainText(/time steps|hidden size/);

  await page.getByRole("button", { name: /中文/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByTestId("lab-errors")).toContainText("请减小深度、模型宽度 d、序列长度或批大小");
  await expect(page.getByTestId("lab-errors")).not.toContainText(/时间步数|隐藏层大小/);
});

test("a shared link without a.model: read as an MLP and said so, its real problem named at its field, fixed by keyboard", async ({
  page,
}) => {
  // a link cut short: the model's parameter is missing, the others are there (one of them too big)
  await page.goto("/lab?a.depth=300&a.activation=relu&a.init=he");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lab");
  const a = slot(page, "a");
  await expect(page.getByTestId("model-missing")).toHaveText(
    "This link does not say which model A is, so the lab shows an MLP (its default) with the link's other settings. Pick another model above if you meant one.",
  );
  await expect(a.getByLabel("Model", { exact: true })).toHaveValue("mlp");
  await expect(a.getByLabel("Activation")).toHaveValue("relu");
  // the real problem (depth over 200), not "model must be one of …"
  const errors = page.getByTestId("lab-errors");
  await expect(errors.locator("li")).toHaveCount(1);
  await expect(errors.locator("li")).toHaveAttribute("data-path", "depth");
  await expect(errors).not.toContainText(/model must be|must be one of/i);
  const depth = a.getByLabel("Depth (layers)");
  await expect(depth).toHaveAttribute("aria-invalid", "true");
  await expect(a.getByTestId("field-error")).toHaveText("Enter a whole number from 1 to 200.");

  // in 中文, the same note in Chinese
  await page.getByRole("button", { name: /中文/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByTestId("model-missing")).toHaveText(/没有写明配置 A 的模型.*MLP/);
  await page.getByRole("button", { name: /English/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  // the error names the field and links to it; typing a valid depth runs it, and the URL now names the model
  await expect(page.getByTestId("lab-errors").getByRole("link", { name: "Depth (layers)" })).toHaveAttribute(
    "href",
    "#a-depth",
  );
  await depth.focus();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("20");
  await expect(page.getByTestId("lab-errors")).toHaveCount(0);
  await expect(page.getByTestId("lab-status")).toHaveText("Updated in your browser.");
  await expect(badges(page).first()).toHaveAttribute(
    "data-verdict",
    verdictOf({ model: "mlp", depth: 20, activation: "relu", init: "he" }),
  );
  await expect(page).toHaveURL(/a\.model=mlp/);
  await expect(page.getByTestId("model-missing")).toHaveCount(0);

  // typed by hand without the slot prefix: read as config A, the same problem at the same field
  await page.goto("/lab?depth=300");
  await expect(page.getByTestId("lab-errors").locator("li")).toHaveAttribute("data-path", "depth");
  await expect(slot(page, "a").getByLabel("Depth (layers)")).toHaveAttribute("aria-invalid", "true");
});

// Last: it leaves two of this visitor's runs going on the server (every test's browser is the same
// client, 127.0.0.1), which a later test's fresh server runs would rightly be refused for.
test("in 中文, the server's refusal is said in Chinese: a big config re-run faster than the server finishes", async ({
  page,
}) => {
  const zh = JSON.parse(await readFile("lib/i18n/messages/sim/zh.json", "utf8")).lab as {
    refused: Record<string, string>;
  };
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Lab", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lab");
  await page.getByRole("button", { name: /中文/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("实验室");

  // 50 × 256 at batch 128 is priced above what the browser runs: it goes to the server
  const a = slot(page, "a");
  await a.getByLabel("深度（层数）").fill("50");
  await a.getByLabel("宽度").fill("256");
  await Promise.all([page.waitForRequest(/\/api\/simulate\?.*batch=128/), a.getByLabel("批大小").fill("128")]);
  await expect(page.getByTestId("lab-status")).toHaveText(/已在服务器上更新/);

  // new seeds in quick succession: the page stops waiting for each superseded run, but the server
  // finishes it, so the third fresh run finds two of this visitor's runs still going (or this
  // minute's budget spent) and is refused with 429
  const refused = page.waitForResponse((r) => r.url().includes("/api/simulate?") && r.status() === 429);
  for (const seed of ["2", "3", "4"])
    await Promise.all([
      page.waitForRequest(new RegExp(`/api/simulate\\?.*seed=${seed}(&|$)`)),
      a.getByLabel("随机种子").fill(seed),
    ]);
  const response = await refused;
  const { reason } = (await response.json()) as { reason: string };
  expect(["clientBusy", "clientQuota"]).toContain(reason);
  const seconds = response.headers()["retry-after"];
  const said = (zh.refused[reason] as string).replace("{seconds}", String(seconds));
  await expect(page.getByTestId("lab-status")).toHaveText(said);
  await expect(page.getByTestId("lab-status")).not.toHaveText(/[A-Za-z]{3,}/); // no English left
});
