import { expect, test } from "@playwright/test";
import { bank, query, questionOfType, userIdOf } from "./support";

test("list → question → reveal the answer → the attempt is recorded and survives a reload", async ({
  page,
  context,
}) => {
  const question = bank[0];
  if (!question) throw new Error("empty bank");

  await page.goto("/");
  await expect(page.getByTestId("bank-size")).toContainText(String(bank.length));
  await page.getByRole("link", { name: "Browse the questions" }).click();

  await expect(page).toHaveURL(/\/questions$/);
  await expect(page.getByTestId("question-count")).toHaveText(`${bank.length} questions`);
  await expect(page.getByTestId(`status-${question.slug}`)).toHaveText("New");
  await page.getByRole("link", { name: question.title.en }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(question.title.en);
  await expect(page.getByTestId("attempts")).toContainText("No attempts yet.");
  await expect(page.locator("#answer")).toHaveCount(0);
  await page.getByRole("button", { name: "Reveal the answer" }).click();

  await expect(page.getByRole("heading", { name: "Answer", exact: true })).toBeVisible();
  await expect(page.locator("#answer .katex").first()).toBeVisible(); // math rendered on the server
  await expect(page.getByTestId("attempts").locator("li")).toHaveCount(1);
  await expect(page.getByTestId("attempts")).toContainText("Revealed the answer");

  const userId = await userIdOf(context);
  const rows = await query<{ kind: string; slug: string }>(
    'SELECT a.kind, q.slug FROM "Attempt" a JOIN "Question" q ON q.id = a."questionId" WHERE a."userId" = ?',
    userId,
  );
  expect(rows).toEqual([{ kind: "reveal", slug: question.slug }]);

  await page.reload();
  await expect(page.getByTestId("attempts").locator("li")).toHaveCount(1);
  await expect(page.getByTestId("attempts")).toContainText("Revealed the answer");

  await page.goto("/questions");
  await expect(page.getByTestId(`status-${question.slug}`)).toHaveText("Seen");
});

test("a multiple-choice answer is graded and stored with its result", async ({ page, context }) => {
  const question = questionOfType("choice");
  const wrong = question.choice.options.find((o) => !o.correct);
  const right = question.choice.options.filter((o) => o.correct);
  if (!wrong) throw new Error("choice question without a wrong option");

  await page.goto(`/questions/${question.slug}`);
  await page.getByRole("button", { name: "Check my answer" }).click();
  await expect(page.locator(".form-error")).toHaveText("Choose at least one option before checking.");

  const optionInputs = page.locator('input[name="option"]');
  await optionInputs.locator(`xpath=self::*[@value="${wrong.id}"]`).check();
  await page.getByRole("button", { name: "Check my answer" }).click();
  await expect(page.getByTestId("choice-result")).toHaveText("Not quite — see the explanation of each option below.");

  for (const o of question.choice.options) {
    const input = optionInputs.locator(`xpath=self::*[@value="${o.id}"]`);
    if (right.includes(o)) await input.check();
    else if (question.choice.multiple) await input.uncheck();
  }
  await page.getByRole("button", { name: "Check my answer" }).click();
  await expect(page.getByTestId("choice-result")).toHaveText("Correct.");

  const userId = await userIdOf(context);
  const rows = await query<{ correct: number; response: string }>(
    'SELECT a.correct, a.response FROM "Attempt" a JOIN "Question" q ON q.id = a."questionId" WHERE a."userId" = ? AND q.slug = ? ORDER BY a."createdAt"',
    userId,
    question.slug,
  );
  expect(rows.map((r) => r.correct)).toEqual([0, 1]);
  expect(JSON.parse(rows[1]?.response ?? "{}")).toEqual({ selected: right.map((o) => o.id).sort() });
});

test("a flashcard's self-grade is recorded", async ({ page, context }) => {
  const question = questionOfType("flashcard");
  await page.goto(`/questions/${question.slug}`);
  await page.getByRole("button", { name: "Reveal the answer" }).click();
  await page.getByRole("button", { name: "Partly" }).click();
  await expect(page.getByTestId("attempts")).toContainText("Self-graded recall: Partly");
  const userId = await userIdOf(context);
  const rows = await query<{ kind: string; score: number }>(
    'SELECT kind, score FROM "Attempt" WHERE "userId" = ? ORDER BY "createdAt"',
    userId,
  );
  expect(rows).toEqual([
    { kind: "reveal", score: null },
    { kind: "recall", score: 0.5 },
  ]);
});

test("switching to Chinese shows the bank in Chinese and remembers it", async ({ page }) => {
  const question = bank[0];
  if (!question) throw new Error("empty bank");
  await page.goto("/questions");
  await page.getByRole("button", { name: /中文/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("题库");
  await expect(page.getByRole("link", { name: question.title.zh })).toBeVisible();
  await page.goto(`/questions/${question.slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(question.title.zh);
  await page.getByRole("button", { name: /English/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(question.title.en);
});

test("filters narrow the list and live in the URL", async ({ page }) => {
  await page.goto("/questions");
  await page.getByLabel("Type").selectOption("prediction");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/type=prediction/);
  const predictions = bank.filter((q) => q.type === "prediction").length;
  await expect(page.getByTestId("question-count")).toHaveText(`${predictions} question${predictions === 1 ? "" : "s"}`);
  await page.goto("/questions?topic=not-a-topic&difficulty=99");
  await expect(page.getByTestId("question-count")).toHaveText(`${bank.length} questions`);
});
