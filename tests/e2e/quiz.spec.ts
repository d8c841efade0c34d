import { randomUUID } from "node:crypto";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { bank, query, seriousAxeViolations, userIdOf } from "./support";

type BankQuestion = (typeof bank)[number];
/** The flows below ask flashcards and choices; prediction questions have a test of their own (quiz-more.spec.ts). */
const QUIZ_TYPES = new Set(["flashcard", "choice"]);
const quizzable = (topics: string[]) => bank.filter((q) => topics.includes(q.topic) && QUIZ_TYPES.has(q.type));

function bySlug(slug: string): BankQuestion {
  const q = bank.find((b) => b.slug === slug);
  if (!q) throw new Error(`no question ${slug} in the bank`);
  return q;
}

/** Sets up a quiz with only `topics` checked and the given length; returns its id and questions. */
async function startQuiz(page: Page, topics: string[], length: 5 | 10 | 20, labels: Labels) {
  await page.goto("/quiz");
  for (const box of await page.locator('input[name="topic"]').all()) {
    const value = (await box.getAttribute("value")) ?? "";
    await box.setChecked(topics.includes(value));
  }
  for (const box of await page.locator('input[name="type"]').all())
    await box.setChecked(QUIZ_TYPES.has((await box.getAttribute("value")) ?? ""));
  await page.getByRole("radio", { name: labels[String(length) as "5" | "10" | "20"] }).check();
  await page.getByRole("button", { name: labels.start }).click();
  await expect(page).toHaveURL(/\/quiz\/[a-z0-9]+$/);
  const id = new URL(page.url()).pathname.split("/").pop() as string;
  const [row] = await query<{ questionIds: string; settings: string; finishedAt: string | null }>(
    'SELECT "questionIds", settings, "finishedAt" FROM "QuizSession" WHERE id = ?',
    id,
  );
  if (!row) throw new Error("no quiz session row");
  expect(row.finishedAt).toBeNull();
  expect(JSON.parse(row.settings)).toMatchObject({ topics, length });
  const slugs = JSON.parse(row.questionIds) as string[];
  return { id, slugs };
}

/**
 * Answers the current question right or wrong, the way a keyboard user would where it matters:
 * Enter on an option submits it; focus then sits on "Next".
 */
async function answer(page: Page, q: BankQuestion, right: boolean, labels: Labels) {
  await expect(page.getByTestId("quiz-question")).toHaveAttribute("data-slug", q.slug);
  if (q.type === "choice") {
    const ids = q.choice.options.filter((o) => o.correct === right).map((o) => o.id);
    const pick = right ? ids : ids.slice(0, 1);
    for (const id of pick) await page.locator(`input[name="option"][value="${id}"]`).check();
    await page.locator(`input[name="option"][value="${pick[pick.length - 1]}"]`).press("Enter");
    await expect(page.getByTestId("quiz-result")).toHaveText(right ? labels.correct : labels.incorrect);
    // every option's explanation is shown, the correct ones marked
    for (const o of q.choice.options) {
      await expect(page.locator(`[data-option="${o.id}"]`)).toHaveAttribute("data-correct", String(o.correct));
    }
  } else {
    await page.getByRole("link", { name: labels.reveal }).click();
    await expect(page.locator("#quiz-answer-heading")).toBeFocused();
    await page.getByRole("button", { name: right ? labels.full : labels.partly }).click();
    await expect(page.getByTestId("quiz-result")).toHaveText(right ? labels.recallRight : labels.recallWrong);
  }
  await expect(page.getByTestId("quiz-result")).toHaveAttribute("data-correct", String(right));
  await expect(page.getByTestId("quiz-next")).toBeFocused();
}

type Labels = typeof EN;
const EN = {
  "5": "5 questions",
  "10": "10 questions",
  "20": "20 questions",
  start: "Start the quiz",
  correct: "Correct.",
  incorrect: "Not quite — see the explanation of each option below.",
  reveal: "Reveal the answer",
  full: "All of it",
  partly: "Partly",
  recallRight: "Your self-grade: All of it — a full point.",
  recallWrong: "Your self-grade: Partly — half a point.",
};
const ZH: Labels = {
  "5": "5 道题",
  "10": "10 道题",
  "20": "20 道题",
  start: "开始测验",
  correct: "回答正确。",
  incorrect: "不完全对——请看下面每个选项的解析。",
  reveal: "查看答案",
  full: "全部想起",
  partly: "部分想起",
  recallRight: "你的自评：全部想起——得 1 分。",
  recallWrong: "你的自评：部分想起——得半分。",
};

async function attemptsOf(quizId: string) {
  return query<{ slug: string; kind: string; correct: number; userId: string }>(
    'SELECT q.slug, a.kind, a.correct, a."userId" FROM "Attempt" a JOIN "Question" q ON q.id = a."questionId" WHERE a."quizSessionId" = ? ORDER BY a."createdAt"',
    quizId,
  );
}

test("a quiz: setup, one question at a time with feedback, resume after a reload, summary, stored session", async ({
  page,
  context,
  browser,
}) => {
  const topics = ["activations", "normalization"];
  const pool = quizzable(topics);
  expect(pool.some((q) => q.type === "choice") && pool.some((q) => q.type === "flashcard")).toBe(true);
  const { id, slugs } = await startQuiz(page, topics, 10, EN);
  const n = Math.min(10, pool.length);
  expect(slugs).toHaveLength(n);
  for (const s of slugs) expect(topics).toContain(bySlug(s).topic);

  const rightness = slugs.map((_, i) => i % 3 !== 1); // every third answer (from the second) wrong
  for (const [i, slug] of slugs.entries()) {
    await expect(page.getByTestId("quiz-progress")).toHaveText(`${i + 1} / ${n}`);
    await answer(page, bySlug(slug), rightness[i] as boolean, EN);
    if (i === 1) {
      // a reload (or coming back later) resumes at the next unanswered question
      await page.goto(`/quiz/${id}`);
      await expect(page.getByTestId("quiz-progress")).toHaveText(`3 / ${n}`);
      continue;
    }
    await expect(page.getByTestId("quiz-next")).toHaveText(i === n - 1 ? "See the results" : "Next question");
    await page.keyboard.press("Enter");
    if (i < n - 1) await expect(page.locator("#quiz-heading")).toBeFocused();
  }

  const correct = rightness.filter(Boolean).length;
  // a recall graded "Partly" earns half a point
  const partly = slugs.filter((s, i) => !rightness[i] && bySlug(s).type === "flashcard").length;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Quiz results");
  await expect(page.getByTestId("quiz-score")).toHaveText(
    `${correct} / ${n} correct${partly ? `, ${partly} partly` : ""} (${Math.round((100 * (correct + partly / 2)) / n)}%)`,
  );
  const wrongSlugs = slugs.filter((_, i) => !rightness[i]);
  const mistakes = page.getByTestId("quiz-mistakes").getByRole("link");
  await expect(mistakes).toHaveCount(wrongSlugs.length);
  for (const s of wrongSlugs) {
    await expect(page.getByTestId("quiz-mistakes").getByRole("link", { name: bySlug(s).title.en })).toHaveAttribute(
      "href",
      `/questions/${s}`,
    );
  }
  for (const topic of topics) {
    const inTopic = slugs.filter((s) => bySlug(s).topic === topic);
    const ok = slugs.filter((s, i) => bySlug(s).topic === topic && rightness[i]).length;
    await expect(page.locator(`[data-topic="${topic}"] td`)).toHaveText(`${ok} / ${inTopic.length}`);
  }

  const userId = await userIdOf(context);
  const [session] = await query<{ userId: string; finishedAt: string | null; score: number }>(
    'SELECT "userId", "finishedAt", score FROM "QuizSession" WHERE id = ?',
    id,
  );
  expect(session?.userId).toBe(userId);
  expect(session?.finishedAt).not.toBeNull();
  expect(session?.score).toBeCloseTo((correct + partly / 2) / n);
  const attempts = await attemptsOf(id);
  expect(attempts.map((a) => a.slug)).toEqual(slugs);
  expect(attempts.map((a) => a.correct === 1)).toEqual(rightness);
  expect(attempts.map((a) => a.kind)).toEqual(slugs.map((s) => (bySlug(s).type === "choice" ? "choice" : "recall")));
  expect(new Set(attempts.map((a) => a.userId))).toEqual(new Set([userId]));

  // Another learner (with a session and a quiz of their own) gets a 404 for this quiz.
  const other: BrowserContext = await browser.newContext();
  try {
    const otherPage = await other.newPage();
    await startQuiz(otherPage, ["fundamentals"], 5, EN);
    expect(await userIdOf(other)).not.toBe(userId);
    const res = await otherPage.goto(`/quiz/${id}`);
    expect(res?.status()).toBe(404);
    await expect(otherPage.getByText("This page does not exist.")).toBeVisible();
  } finally {
    await other.close();
  }
});

test("the same quiz flow in Chinese, all answers right", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "NEXT_LOCALE", value: "zh", url: baseURL as string }]);
  const { id, slugs } = await startQuiz(page, ["fundamentals"], 5, ZH);
  expect(slugs).toHaveLength(5);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  for (const [i, slug] of slugs.entries()) {
    await expect(page.getByTestId("quiz-progress")).toHaveText(`${i + 1} / 5`);
    await expect(page.locator("#quiz-heading")).toHaveText(bySlug(slug).title.zh);
    await answer(page, bySlug(slug), true, ZH);
    await expect(page.getByTestId("quiz-next")).toHaveText(i === 4 ? "查看结果" : "下一题");
    await page.getByTestId("quiz-next").click();
  }
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("测验结果");
  await expect(page.getByTestId("quiz-score")).toHaveText("答对 5 / 5（100%）");
  await expect(page.getByTestId("quiz-no-mistakes")).toHaveText("全部答对，做得好！");
  const [session] = await query<{ score: number; finishedAt: string | null }>(
    'SELECT score, "finishedAt" FROM "QuizSession" WHERE id = ?',
    id,
  );
  expect(session?.score).toBe(1);
  expect(session?.finishedAt).not.toBeNull();
  expect((await attemptsOf(id)).every((a) => a.correct === 1)).toBe(true);
});

test("the setup form explains what is wrong instead of starting a quiz", async ({ page }) => {
  await page.goto("/quiz");
  for (const box of await page.locator('input[name="topic"]').all()) await box.uncheck();
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await expect(page.getByTestId("quiz-error")).toHaveText("Choose at least one topic.");
  await expect(page).toHaveURL(/\/quiz$/);

  // a topic × difficulty × type combination without any question
  const combos = [
    "fundamentals",
    "activations",
    "initialization",
    "normalization",
    "architecture",
    "optimization",
    "recurrent",
    "practice",
  ]
    .flatMap((topic) =>
      [1, 2, 3].flatMap((difficulty) => ["flashcard", "choice"].map((type) => ({ topic, difficulty, type }))),
    )
    .filter((c) => !bank.some((q) => q.topic === c.topic && q.difficulty === c.difficulty && q.type === c.type));
  const empty = combos[0];
  if (!empty) throw new Error("every combination has a question");
  await page.locator(`input[name="topic"][value="${empty.topic}"]`).check();
  for (const box of await page.locator('input[name="difficulty"]').all())
    await box.setChecked((await box.getAttribute("value")) === String(empty.difficulty));
  for (const box of await page.locator('input[name="type"]').all())
    await box.setChecked((await box.getAttribute("value")) === empty.type);
  await page.getByRole("button", { name: "Start the quiz" }).press("Enter");
  await expect(page.getByTestId("quiz-error")).toHaveText(
    "No question matches these filters. Choose more topics, difficulties or types.",
  );
  await expect(page.getByTestId("quiz-error")).toBeFocused();
});

test("the question list's status filter: new, seen after an answer, mastered with a card", async ({
  page,
  context,
}) => {
  const [first, second] = bank;
  if (!first || !second) throw new Error("bank too small");
  await page.goto("/questions?status=new");
  await expect(page.getByTestId("question-count")).toHaveText(`${bank.length} questions`);
  await expect(page.getByTestId("status-count-new")).toHaveText(`New ${bank.length}`);

  await page.goto(`/questions/${first.slug}`);
  await page.getByRole("button", { name: "Reveal the answer" }).click();
  await expect(page.getByTestId("attempts").locator("li")).toHaveCount(1);

  await page.goto("/questions?status=new");
  await expect(page.getByTestId("question-count")).toHaveText(`${bank.length - 1} questions`);
  await expect(page.getByRole("link", { name: first.title.en, exact: true })).toHaveCount(0);
  await expect(page.getByTestId("status-count-seen")).toHaveText("Seen 1");

  await page.getByRole("combobox", { name: /^Status/ }).selectOption("seen");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/status=seen/);
  await expect(page.getByTestId("question-count")).toHaveText("1 question");
  await expect(page.getByTestId(`status-${first.slug}`)).toHaveText("Seen");

  // a mature FSRS card (as the flashcards feature writes it) makes a question "mastered"
  const userId = await userIdOf(context);
  const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");
  const [{ id: questionId } = { id: "" }] = await query<{ id: string }>(
    'SELECT id FROM "Question" WHERE slug = ?',
    second.slug,
  );
  await query(
    `INSERT INTO "Card" (id, "userId", "questionId", due, stability, difficulty, "elapsedDays", "scheduledDays", "learningSteps", reps, lapses, state, "lastReview", "createdAt", "updatedAt")
     VALUES (?, ?, ?, ?, 40, 4, 30, 30, 0, 5, 0, 2, ?, ?, ?)`,
    `e2e-${randomUUID()}`,
    userId,
    questionId,
    iso(new Date(Date.now() + 30 * 86_400_000)),
    iso(new Date()),
    iso(new Date()),
    iso(new Date()),
  );
  await page.getByTestId("status-count-mastered").click();
  await expect(page).toHaveURL(/status=mastered/);
  await expect(page.getByTestId("question-count")).toHaveText("1 question");
  await expect(page.getByTestId(`status-${second.slug}`)).toHaveText("Mastered");
  await expect(page.getByTestId("status-count-mastered")).toHaveAttribute("aria-current", "true");

  // Chinese labels
  await page.getByRole("button", { name: /中文/ }).click();
  await expect(page.getByTestId(`status-${second.slug}`)).toHaveText("已掌握");
});

test("quiz pages and the status filter have no serious or critical axe violations, light and dark", async ({
  page,
}) => {
  test.setTimeout(240_000); // a dozen axe runs on a shared 2-core machine
  const check = async (what: string) => {
    const bad = await seriousAxeViolations(page, { wcagOnly: false });
    expect(bad.map((line) => `${what}: ${line}`)).toEqual([]);
  };
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const { slugs } = await startQuiz(page, ["activations"], 5, EN);
    await check(`${colorScheme} question`);
    const checked = new Set<string>();
    for (const slug of slugs) {
      const q = bySlug(slug);
      await answer(page, q, false, EN);
      // feedback once per question type
      if (!checked.has(q.type)) await check(`${colorScheme} ${q.type} feedback`);
      checked.add(q.type);
      await page.keyboard.press("Enter");
    }
    await expect(page.getByTestId("quiz-summary")).toBeVisible();
    await check(`${colorScheme} summary`);
    await page.goto("/quiz");
    await check(`${colorScheme} setup`);
    await page.goto("/questions?status=seen");
    await check(`${colorScheme} list`);
  }
});
