/**
 * Simulations in the study flow: charts on answer pages, prediction questions graded by the
 * engine (in English and Chinese), and the lab. Expected values are computed here by running
 * the engine directly — never hard-coded.
 */
import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { sci } from "@/lib/charts/log-scale";
import { gradePrediction } from "@/lib/grading/prediction";
import { parseSimConfig, type SimResult, simulate } from "@/lib/sim";
import { bank, query, seriousAxeViolations, userIdOf } from "./support";

function run(config: unknown): SimResult {
  const parsed = parseSimConfig(config);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return simulate(parsed.config, { timing: false });
}

function predictionQuestion(kind: string) {
  const q = bank.find((b) => b.type === "prediction" && b.prediction.kind === kind);
  if (q?.type !== "prediction") throw new Error(`no ${kind} prediction question`);
  return q;
}

async function toChinese(page: Page) {
  await page.goto("/");
  await page.getByRole("button", { name: /中文/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
}

/**
 * Deep equality where numbers may differ in the last bit: Prisma's query engine parses JSON
 * numbers for a Json column with a fast float parser that can be one ulp off, so the stored
 * measurements match the engine's to ~1e-15 relative, not bit for bit.
 */
function expectSameNumbers(actual: unknown, expected: unknown, path = "$"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    expect(Math.abs(actual - expected), path).toBeLessThanOrEqual(Math.abs(expected) * 1e-14);
    return;
  }
  if (typeof expected === "object" && expected !== null && typeof actual === "object" && actual !== null) {
    expect(Object.keys(actual).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected))
      expectSameNumbers((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

type AttemptRow = { kind: string; response: string; expected: string; correct: number };
function predictionAttempts(userId: string, slug: string): Promise<AttemptRow[]> {
  return query<AttemptRow>(
    'SELECT a.kind, a.response, a.expected, a.correct FROM "Attempt" a JOIN "Question" q ON q.id = a."questionId" WHERE a."userId" = ? AND q.slug = ? AND a.kind = ? ORDER BY a."createdAt"',
    userId,
    slug,
    "prediction",
  );
}

test("an answer page shows each scenario's problem and fixes on one chart with verdicts, and opens them in the lab", async ({
  page,
}) => {
  const question = bank.find((q) => q.scenarios.some((s) => s.fixes.length > 0 && s.problem.config.model === "mlp"));
  if (!question) throw new Error("no question with an MLP problem/fix scenario");
  const scenario = question.scenarios.find((s) => s.fixes.length > 0 && s.problem.config.model === "mlp");
  if (!scenario) throw new Error("unreachable");
  const runs = [scenario.problem, ...scenario.fixes];
  const results = runs.map((r) => run(r.config));

  await page.goto(`/questions/${question.slug}`);
  await page.getByRole("button", { name: "Reveal the answer" }).click();
  const figure = page.locator(`figure[data-scenario="${scenario.key}"]`);
  await expect(figure).toContainText(scenario.title.en);
  await figure.scrollIntoViewIfNeeded(); // a chart below the first is drawn once scrolled near

  const badges = figure.getByTestId("verdict-badge");
  await expect(badges).toHaveCount(runs.length);
  for (const [i, r] of results.entries()) {
    await expect(badges.nth(i)).toHaveAttribute("data-verdict", r.summary.verdict);
    await expect(badges.nth(i)).toContainText(i === 0 ? `Problem: ${scenario.problem.label.en}` : "Fix: ");
  }
  // the chart is drawn (recharts SVG with one line per run) and its data table has one row per layer
  const chart = figure.getByTestId("profile-layer");
  await expect(chart.locator("svg.recharts-surface").first()).toBeVisible();
  await expect(chart.locator(".recharts-line")).toHaveCount(runs.length);
  const depth = results[0]?.model === "mlp" ? results[0].layers.length : 0;
  await expect(chart.locator("table tbody tr")).toHaveCount(depth);
  await expect(chart.getByRole("img", { name: /^Gradient norm \(backward signal/ })).toBeVisible();
  // the weight-gradient toggle switches the data
  await chart.getByRole("radio", { name: /weight gradient/ }).check();
  await expect(chart.getByRole("img", { name: /^Gradient norm \(weight gradient/ })).toBeVisible();

  await figure.getByTestId("open-in-lab").click();
  await expect(page).toHaveURL(/\/lab\?a\.model=/);
  const url = new URL(page.url());
  expect(url.searchParams.get("a.depth")).toBe(String(scenario.problem.config.depth));
  expect(url.searchParams.get("b.model")).toBe(String(scenario.fixes[0]?.config.model));
  await expect(page.locator("fieldset[data-slot]")).toHaveCount(Math.min(3, runs.length));
  const labBadges = page.getByTestId("lab-charts").getByTestId("verdict-badge");
  await expect(labBadges).toHaveCount(Math.min(3, runs.length));
  for (const [i, r] of results.slice(0, 3).entries())
    await expect(labBadges.nth(i)).toHaveAttribute("data-verdict", r.summary.verdict);
});

test("a Transformer question from the question list: its blocks on their own chart, the query/key gradients the engine computes", async ({
  page,
}) => {
  const isRankCollapse = (s: (typeof bank)[number]["scenarios"][number]) =>
    s.problem.config.model === "transformer" && s.problem.expect.log10QkGradRatioAbove !== undefined;
  const question = bank.find((q) => q.scenarios.some(isRankCollapse));
  const scenario = question?.scenarios.find(isRankCollapse);
  if (!question || !scenario) throw new Error("no Transformer scenario with a query/key expectation");
  const results = [scenario.problem, ...scenario.fixes].map((r) => run(r.config));

  await page.goto("/");
  await page.getByRole("link", { name: "Browse the questions" }).click();
  await page.getByRole("link", { name: question.title.en }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(question.title.en);
  await page.getByRole("button", { name: "Reveal the answer" }).click();
  const figure = page.locator(`figure[data-scenario="${scenario.key}"]`);
  await expect(figure).toContainText(scenario.title.en, { timeout: 30_000 }); // 48 blocks, streamed
  await figure.scrollIntoViewIfNeeded(); // a chart below the first is drawn once scrolled near
  const badges = figure.getByTestId("verdict-badge");
  await expect(badges).toHaveCount(results.length);
  for (const [i, r] of results.entries())
    await expect(badges.nth(i)).toHaveAttribute("data-verdict", r.summary.verdict);

  const chart = figure.getByTestId("profile-block");
  const depth = results[0]?.model === "transformer" ? results[0].layers.length : 0;
  await expect(chart.locator("table tbody tr")).toHaveCount(depth);
  await chart.getByRole("radio", { name: /query and key weights/ }).check();
  const plot = chart.getByRole("img", { name: /^Gradient norm \(query and key weights/ });
  await expect(plot).toBeVisible();
  const summary = (await plot.getAttribute("aria-label")) ?? "";
  // first → last block of every run, as the chart rounds them (4 significant digits, shown with 3)
  const shown = (v: number) => sci(Number(v.toPrecision(4)));
  for (const r of results) {
    if (r.model !== "transformer") throw new Error("transformer expected");
    const qk = (l: (typeof r.layers)[number] | undefined) =>
      Math.hypot(l?.weightGradNorms.wq ?? 0, l?.weightGradNorms.wk ?? 0);
    expect(summary).toContain(`${shown(qk(r.layers[0]))} → ${shown(qk(r.layers.at(-1)))}`);
  }
  await chart.getByRole("radio", { name: "attention entropy (nats)" }).check();
  await expect(chart.getByRole("img", { name: /^Gradient norm \(attention entropy/ })).toBeVisible();
});

test("Adam's answer from the question list: the chart switches to the optimizer's last step, flat for Adam and the gradient's profile for SGD", async ({
  page,
}) => {
  const question = bank.find((q) => q.slug === "does-adam-fix-vanishing-gradients");
  const scenario = question?.scenarios.find((s) => s.problem.expect.log10StepRatioBelow !== undefined);
  if (!question || !scenario) throw new Error("no scenario with a step-ratio expectation");
  const results = [scenario.problem, ...scenario.fixes].map((r) => run(r.config));

  await page.goto("/");
  await page.getByRole("link", { name: "Browse the questions" }).click();
  await page.getByRole("link", { name: question.title.en }).click();
  await page.getByRole("button", { name: "Reveal the answer" }).click();
  const figure = page.locator(`figure[data-scenario="${scenario.key}"]`);
  await expect(figure).toContainText(scenario.title.en, { timeout: 30_000 }); // streamed in once computed
  await figure.scrollIntoViewIfNeeded(); // a chart below the first is drawn once scrolled near
  const chart = figure.getByTestId("profile-layer");
  await chart.getByRole("radio", { name: "optimizer's last step ‖ΔW‖" }).check();
  const plot = chart.getByRole("img", { name: /^Step size \(optimizer's last step/ });
  await expect(plot).toBeVisible();
  const summary = (await plot.getAttribute("aria-label")) ?? "";
  const shown = (v: number | undefined) => sci(Number((v ?? Number.NaN).toPrecision(4)));
  for (const r of results) {
    if (r.model !== "mlp") throw new Error("mlp expected");
    expect(summary).toContain(`${shown(r.layers[0]?.stepNorm)} → ${shown(r.layers.at(-1)?.stepNorm)}`);
  }
  await expect(chart).toContainText("Adam divides each parameter's gradient by its own running RMS");
});

test("the path-length question from the question list: an RNN and a Transformer on one chart of sequence positions", async ({
  page,
}) => {
  const isPathLength = (s: (typeof bank)[number]["scenarios"][number]) =>
    s.fixes.some((f) => f.config.model === "transformer" && f.config.loss === "last");
  const question = bank.find((q) => q.scenarios.some(isPathLength));
  const scenario = question?.scenarios.find(isPathLength);
  if (!question || !scenario) throw new Error("no scenario with a last-position Transformer");
  const results = [scenario.problem, ...scenario.fixes].map((r) => run(r.config));

  await page.goto("/");
  await page.getByRole("link", { name: "Browse the questions" }).click();
  await page.getByRole("link", { name: question.title.en }).click();
  await page.getByRole("button", { name: "Reveal the answer" }).click();
  const figure = page.locator(`figure[data-scenario="${scenario.key}"]`);
  await expect(figure).toContainText(scenario.title.en, { timeout: 30_000 });
  await figure.scrollIntoViewIfNeeded(); // a chart below the first is drawn once scrolled near
  const chart = figure.getByTestId("profile-position");
  const plot = chart.getByRole("img", { name: /^Gradient norm \(gradient reaching position t/ });
  await expect(plot).toBeVisible();
  const summary = (await plot.getAttribute("aria-label")) ?? "";
  // first → last position of every run, as the chart rounds them: the RNN's hidden state, the Transformer's input
  const shown = (v: number) => sci(Number(v.toPrecision(4)));
  for (const r of results) {
    const g =
      r.model === "transformer"
        ? r.positions.map((p) => p.inputGradNorm)
        : r.model === "mlp"
          ? []
          : r.timesteps.map((t) => t.hiddenGradNorm);
    expect(g.length).toBeGreaterThan(1);
    expect(summary).toContain(`${shown(g[0]!)} → ${shown(g.at(-1)!)}`);
  }
  await expect(chart.locator("table tbody tr")).toHaveCount(60);
});

test("a prediction is committed before the answer, graded by running the model, and stored with both", async ({
  page,
  context,
}) => {
  const question = predictionQuestion("smallestGradient");
  const spec = question.prediction;
  if (spec.kind !== "smallestGradient") throw new Error("unreachable");
  const engine = await gradePrediction(spec, 1, run);
  const right = engine.expected as number;
  const depth = Number(spec.config.depth ?? spec.config.steps);
  const wrong = right === depth ? 1 : depth;

  await page.goto(`/questions/${question.slug}`);
  await expect(page.locator("#answer")).toHaveCount(0);
  const input = page.getByRole("spinbutton", { name: /Layer|Time step/ });
  await input.fill(String(wrong));
  await page.getByRole("button", { name: "Commit my prediction" }).click();
  const result = page.getByTestId("prediction-result");
  await expect(result).toContainText(`You predicted layer ${wrong}; the model says layer ${right}. Not this time.`);
  await expect(page.getByRole("heading", { name: "Answer", exact: true })).toBeVisible();
  // the prediction is marked on the chart against the result
  await expect(page.getByTestId("prediction-charts").locator("svg text", { hasText: "your prediction" })).toBeVisible();

  await page.goto(`/questions/${question.slug}`);
  await page.getByRole("spinbutton", { name: /Layer|Time step/ }).fill(String(right));
  await page.getByRole("button", { name: "Commit my prediction" }).click();
  await expect(page.getByTestId("prediction-result")).toContainText(`You predicted layer ${right}`);
  await expect(page.getByTestId("prediction-result")).toContainText("Correct.");

  const rows = await predictionAttempts(await userIdOf(context), question.slug);
  expect(rows.map((r) => r.correct)).toEqual([0, 1]);
  expect(rows.map((r) => JSON.parse(r.response))).toEqual([{ answer: wrong }, { answer: right }]);
  for (const r of rows) {
    const expected = JSON.parse(r.expected);
    expect(expected.answer).toBe(right);
    expectSameNumbers(expected.actual, JSON.parse(JSON.stringify(engine.actual)));
  }
});

test("预测题（中文）：提交判定，服务器运行模型评分，并记录尝试", async ({ page, context }) => {
  const question = predictionQuestion("verdict");
  const spec = question.prediction;
  const engine = await gradePrediction(spec, "healthy", run);
  const verdicts = { vanishing: "梯度消失", healthy: "健康", exploding: "梯度爆炸" } as const;
  const expected = engine.expected as keyof typeof verdicts;
  const wrong = (Object.keys(verdicts) as (keyof typeof verdicts)[]).find((v) => v !== expected) ?? "healthy";

  await toChinese(page);
  await page.goto(`/questions/${question.slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(question.title.zh);
  await page.getByRole("button", { name: "提交我的预测" }).click(); // nothing chosen: the browser asks first
  await expect(page.locator("#answer")).toHaveCount(0);
  await page.getByRole("radio", { name: verdicts[wrong] }).check();
  await page.getByRole("button", { name: "提交我的预测" }).click();
  await expect(page.getByTestId("prediction-result")).toHaveText(
    `你预测的是${verdicts[wrong]}；模型给出的是${verdicts[expected]}。 这次没猜对。`,
  );
  await expect(page.getByTestId("prediction-charts").getByTestId("verdict-badge")).toHaveAttribute(
    "data-verdict",
    expected,
  );

  const rows = await predictionAttempts(await userIdOf(context), question.slug);
  expect(rows).toHaveLength(1);
  expect(rows[0]?.kind).toBe("prediction");
  expect(rows[0]?.correct).toBe(0);
  expect(JSON.parse(rows[0]?.response ?? "null")).toEqual({ answer: wrong });
  const stored = JSON.parse(rows[0]?.expected ?? "null");
  expect(stored.answer).toBe(engine.expected);
  expectSameNumbers(stored.actual, JSON.parse(JSON.stringify(engine.actual)));
  await expect(page.getByTestId("attempts")).toContainText("预测");
});

test("the lab: knobs in the URL, back button, compare two configs, over-budget message, CSV and JSON", async ({
  page,
}) => {
  await page.goto("/lab");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lab");
  const a = page.locator('fieldset[data-slot="a"]');
  await a.getByLabel("Depth (layers)").fill("30");
  await a.getByLabel("Activation").selectOption("sigmoid");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page).toHaveURL(/a\.depth=30/);
  expect(new URL(page.url()).searchParams.get("a.activation")).toBe("sigmoid");
  const sigmoid = run({ model: "mlp", depth: 30, activation: "sigmoid" });
  const badges = page.getByTestId("lab-charts").getByTestId("verdict-badge");
  await expect(badges).toHaveCount(1);
  await expect(badges.first()).toHaveAttribute("data-verdict", sigmoid.summary.verdict);

  // compare: add a copy, change it to ReLU + He, run
  await page.getByRole("button", { name: "Add a config to compare" }).click();
  await expect(page).toHaveURL(/b\.depth=30/);
  const b = page.locator('fieldset[data-slot="b"]');
  await b.getByLabel("Activation").selectOption("relu");
  await b.getByLabel("Initialisation", { exact: true }).selectOption("he");
  await expect(page).toHaveURL(/b\.activation=relu/);
  expect(new URL(page.url()).searchParams.get("b.init")).toBe("he");
  const relu = run({ model: "mlp", depth: 30, activation: "relu", init: "he" });
  await expect(badges).toHaveCount(2);
  await expect(badges.nth(1)).toHaveAttribute("data-verdict", relu.summary.verdict);
  await expect(page.getByTestId("profile-layer").locator(".recharts-line")).toHaveCount(2);

  // the back button restores the previous states (each knob is one entry; the form and the charts follow the URL)
  await page.goBack();
  await expect(page).toHaveURL(/b\.init=xavier/);
  await page.goBack();
  await expect(page).toHaveURL(/b\.activation=sigmoid/);
  await expect(page.locator('fieldset[data-slot="b"]').getByLabel("Activation")).toHaveValue("sigmoid");
  await expect(badges.nth(1)).toHaveAttribute("data-verdict", sigmoid.summary.verdict);
  await page.goForward();
  await page.goForward();
  await expect(page).toHaveURL(/b\.init=he/);
  await expect(page.locator('fieldset[data-slot="b"]').getByLabel("Activation")).toHaveValue("relu");
  await expect(badges.nth(1)).toHaveAttribute("data-verdict", relu.summary.verdict);

  // downloads: CSV of both configs, JSON of one — the engine's numbers
  const csvLink = page.getByTestId("download-csv");
  const download = page.waitForEvent("download");
  await csvLink.click();
  expect((await download).suggestedFilename()).toBe("gradlab-lab.csv");
  const csv = await (await page.request.get((await csvLink.getAttribute("href")) ?? "")).text();
  const lines = csv.trimEnd().split("\n");
  expect(lines).toHaveLength(1 + 30 + 30);
  const firstB = lines[31]?.split(",") ?? [];
  expect(firstB.slice(0, 4)).toEqual(["b", "mlp", "layer", "1"]);
  if (relu.model !== "mlp") throw new Error("mlp expected");
  expect(Number(firstB[4])).toBe(relu.layers[0]?.activationGradNorm);
  // the JSON download is the result the browser computed (a blob: link, downloaded as a person
  // does — the CSP's connect-src 'self' keeps blob: out of fetch), the engine's numbers
  const [jsonDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("download-json-a").click(),
  ]);
  const json = JSON.parse(await readFile(await jsonDownload.path(), "utf8"));
  // Chromium's Math.exp/log/cos may differ from Node's in the last bit (see tests/e2e/lab.spec.ts)
  expectSameNumbers(json.summary, JSON.parse(JSON.stringify(sigmoid.summary)));

  // remove config B, then make A over budget: a clear message naming the config, not a 500
  await page.getByRole("button", { name: "Remove config B" }).click();
  await expect(page.locator("fieldset[data-slot]")).toHaveCount(1);
  await a.getByLabel("Depth (layers)").fill("200");
  await a.getByLabel("Width", { exact: true }).fill("512");
  await a.getByLabel("Batch", { exact: true }).fill("256");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const errors = page.getByTestId("lab-errors");
  await expect(errors).toContainText("Config A");
  await expect(errors).toContainText("over the limit");
  await expect(page.getByTestId("lab-charts")).toHaveCount(0);

  // switching the model shows that model's fields only
  await a.getByLabel("Model").selectOption("rnn");
  await expect(page).toHaveURL(/a\.model=rnn/);
  await expect(a.getByLabel("Spectral radius ρ")).toBeVisible();
  await expect(a.getByLabel("Depth (layers)")).toHaveCount(0);
  await expect(a.getByLabel("Forget-gate bias")).toHaveCount(0);
  await expect(page.getByTestId("lab-charts").getByTestId("verdict-badge")).toHaveAttribute(
    "data-verdict",
    run({ model: "rnn", batch: 256 }).summary.verdict, // batch is shared by both models and kept
  );
  // switching training on shows the training knobs and the curves
  await a.getByLabel("Batch", { exact: true }).fill("8"); // training 256 sequences would be over budget
  await a.getByLabel("Train on the synthetic task").check();
  await expect(page).toHaveURL(/a\.training=1/);
  await expect(page.getByTestId("lab-errors")).toHaveCount(0);
  await expect(a.getByLabel("Learning rate")).toBeVisible();
  await expect(page.getByTestId("training-chart")).toBeVisible();

  // an invalid field is named, in Chinese too
  await toChinese(page);
  await page.goto("/lab?a.model=rnn&a.steps=20&a.spectralRadius=50");
  await expect(page.getByTestId("lab-errors")).toContainText("配置 A");
  await expect(page.getByTestId("lab-errors")).toContainText("谱半径 ρ");
  await expect(page.getByTestId("lab-errors").locator("li")).toHaveAttribute("data-path", "spectralRadius");
});

test("the lab runs a Transformer: its own fields, blocks on their own chart, attention entropy, and the CSV", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Lab", exact: true }).click();
  await expect(page).toHaveURL(/\/lab/);
  const a = page.locator('fieldset[data-slot="a"]');
  await a.getByLabel("Model").selectOption("transformer"); // submits itself
  await expect(page).toHaveURL(/a\.model=transformer/);
  await expect(a.getByLabel("Model width d")).toBeVisible();
  await expect(a.getByLabel("Width", { exact: true })).toHaveCount(0);
  await a.getByLabel("Depth (layers)").fill("4");
  await a.getByLabel("Model width d").fill("16");
  await a.getByLabel("Attention heads").fill("2");
  await a.getByLabel("Sequence length").fill("8");
  await a.getByLabel("Batch", { exact: true }).fill("4"); // a shared field: it keeps the MLP's 32 otherwise
  await a.getByLabel("Normalisation").selectOption("post");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page).toHaveURL(/a\.norm=post/);
  const config = { model: "transformer", depth: 4, dModel: 16, heads: 2, seqLen: 8, batch: 4, norm: "post" };
  const scaled = run(config);
  const badges = page.getByTestId("lab-charts").getByTestId("verdict-badge");
  await expect(badges.first()).toHaveAttribute("data-verdict", scaled.summary.verdict);
  const blocks = page.getByTestId("profile-block");
  await expect(blocks).toBeVisible();
  // by role: once checked, the plot's own label names the metric too
  const entropy = blocks.getByRole("radio", { name: "attention entropy (nats)" });
  await entropy.check();
  await expect(entropy).toBeChecked();

  // compare with unscaled scores: a copy of A with the score scale off
  await page.getByRole("button", { name: "Add a config to compare" }).click();
  const b = page.locator('fieldset[data-slot="b"]');
  await b.getByLabel("Score scale (1/√d_h)").selectOption("none");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page).toHaveURL(/b\.attentionScale=none/);
  await expect(badges).toHaveCount(2);
  const unscaled = run({ ...config, attentionScale: "none" });
  await expect(page.getByTestId("profile-block").locator(".recharts-line")).toHaveCount(2);
  // two badges and two lines were there already (B starts as a copy of A): wait for B's own run
  const csv = page.getByTestId("download-csv");
  await expect(csv).toHaveAttribute("href", /b\.attentionScale=none/);
  const csvHref = (await csv.getAttribute("href")) ?? "";
  const lines = (await (await page.request.get(csvHref)).text()).trimEnd().split("\n");
  const header = lines[0]?.split(",") ?? [];
  const rowB1 = lines.find((l) => l.startsWith("b,transformer,block,1,"))?.split(",") ?? [];
  if (unscaled.model !== "transformer") throw new Error("transformer expected");
  expect(Number(rowB1[header.indexOf("attention_entropy")])).toBe(unscaled.layers[0]?.attentionEntropy);
});

test("axe finds no serious or critical violation on the simulation pages, light and dark", async ({ browser }) => {
  test.setTimeout(240_000); // six axe scans on a shared, busy machine
  const prediction = predictionQuestion("healthiest");
  const scenarioPage = bank.find((q) => q.scenarios.some((s) => s.fixes.length > 0));
  for (const colorScheme of ["light", "dark"] as const) {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    for (const url of [
      `/questions/${scenarioPage?.slug}?answer=1`,
      `/questions/${prediction.slug}`,
      "/lab?a.model=mlp&b.model=lstm&b.training=1&c.model=mlp&c.depth=200&c.width=512&c.batch=256",
    ]) {
      await page.goto(url);
      await expect(page.locator("h1")).toBeVisible();
      const serious = await seriousAxeViolations(page, { wcagOnly: false });
      expect(serious.map((line) => `${colorScheme} ${url}: ${line}`)).toEqual([]);
    }
    await context.close();
  }
});
