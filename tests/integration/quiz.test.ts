import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PredictionSpec } from "@/lib/content/schema";
import { prisma } from "@/lib/db/client.server";
import { getGradingSpec } from "@/lib/db/questions.server";
import {
  answerQuiz,
  createQuiz,
  createRetryQuiz,
  getQuizMistakeIds,
  getQuizRun,
  getQuizSummary,
  type QuizAnswerInput,
} from "@/lib/db/quiz.server";
import { listQuestionsWithStatus, studyStatusBySlug } from "@/lib/db/study-status.server";
import { loadToday } from "@/lib/db/today.server";
import {
  gradePrediction,
  LOG10_ANSWER_LIMIT,
  outcomeOf,
  type PredictionAnswer,
  predictionConfigs,
} from "@/lib/grading/prediction";
import { MASTERED_MIN_INTERVAL_DAYS, STUDY_STATUSES, statusOf } from "@/lib/progress/study-status";
import { parseQuestionFilter } from "@/lib/questions/filter";
import { parseQuizForm, type QuizSettings } from "@/lib/quiz/settings";
import { seededShuffle } from "@/lib/quiz/shuffle";
import { parseSimConfig, simulate, VERDICTS } from "@/lib/sim";

afterAll(() => prisma.$disconnect());

const ALL: QuizSettings = {
  topics: [
    "fundamentals",
    "activations",
    "initialization",
    "normalization",
    "architecture",
    "optimization",
    "recurrent",
    "practice",
  ],
  difficulties: [1, 2, 3],
  types: ["flashcard", "choice"],
  length: 10,
};

async function newUser(name: string) {
  return prisma.user.create({ data: { name } });
}

function form(fields: Record<string, string[]>) {
  const fd = new FormData();
  for (const [k, vs] of Object.entries(fields)) for (const v of vs) fd.append(k, v);
  return fd;
}

/** The right (or a wrong) answer to a quiz question, read from the database. */
async function answerFor(slug: string, right: boolean): Promise<QuizAnswerInput> {
  const q = await prisma.question.findUniqueOrThrow({ where: { slug }, select: { type: true, spec: true } });
  if (q.type === "flashcard") return { kind: "recall", score: right ? 1 : 0.5 };
  const spec = q.spec as { choice: { options: { id: string; correct: boolean }[] } };
  const ids = spec.choice.options.filter((o) => o.correct === right).map((o) => o.id);
  return { kind: "choice", options: right ? ids : ids.slice(0, 1) };
}

describe("quiz settings (setup form validation)", () => {
  const valid = { topic: ["activations", "recurrent"], difficulty: ["1", "2"], type: ["choice"], length: ["5"] };

  it("accepts a complete form", () => {
    const parsed = parseQuizForm(form(valid));
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual({
      topics: ["activations", "recurrent"],
      difficulties: [1, 2],
      types: ["choice"],
      length: 5,
    });
  });

  it.each([
    [{ ...valid, topic: [] }, "noTopic"],
    [{ ...valid, topic: ["physics"] }, "badTopic"],
    [{ ...valid, difficulty: [] }, "noDifficulty"],
    [{ ...valid, difficulty: ["4"] }, "badDifficulty"],
    [{ ...valid, type: [] }, "noType"],
    [{ ...valid, type: ["essay"] }, "badType"],
    [{ ...valid, length: ["7"] }, "badLength"],
    [{ ...valid, length: [] }, "badLength"],
  ])("rejects %j with %s", (fields, code) => {
    const parsed = parseQuizForm(form(fields));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(code);
  });

  it("shuffles deterministically by seed, as a permutation", () => {
    const items = Array.from({ length: 30 }, (_, i) => i);
    const a = seededShuffle(items, 42);
    expect(seededShuffle(items, 42)).toEqual(a);
    expect(seededShuffle(items, 43)).not.toEqual(a);
    expect([...a].sort((x, y) => x - y)).toEqual(items);
  });
});

describe("quiz creation and question selection", () => {
  it("picks only questions matching the topics, difficulties and types, in a seeded order", async () => {
    const user = await newUser("picker");
    const settings: QuizSettings = {
      topics: ["initialization", "fundamentals"],
      difficulties: [1, 2],
      types: ["flashcard"],
      length: 5,
    };
    const matching = await prisma.question.findMany({
      where: { published: true, topic: { in: settings.topics }, difficulty: { in: [1, 2] }, type: "flashcard" },
      select: { slug: true },
    });
    expect(matching.length).toBeGreaterThan(5);
    const created = await createQuiz(user.id, settings, 7);
    if (!created.ok) throw new Error("quiz not created");
    expect(created.length).toBe(5);
    const row = await prisma.quizSession.findUniqueOrThrow({ where: { id: created.id } });
    const slugs = row.questionIds as string[];
    expect(slugs).toHaveLength(5);
    expect(new Set(slugs).size).toBe(5);
    const allowed = new Set(matching.map((m) => m.slug));
    for (const s of slugs) expect(allowed.has(s)).toBe(true);
    expect(row.userId).toBe(user.id);
    expect(row.settings).toEqual({ ...settings, seed: 7 });
    expect(row.finishedAt).toBeNull();

    const again = await createQuiz(user.id, settings, 7);
    if (!again.ok) throw new Error("quiz not created");
    const same = await prisma.quizSession.findUniqueOrThrow({ where: { id: again.id } });
    expect(same.questionIds).toEqual(slugs);
  });

  it("is shorter than asked when fewer questions match, and asks prediction questions only when chosen", async () => {
    const user = await newUser("short");
    const n = await prisma.question.count({ where: { published: true, topic: "activations", type: "choice" } });
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(20);
    const created = await createQuiz(user.id, { ...ALL, topics: ["activations"], types: ["choice"], length: 20 }, 1);
    expect(created).toMatchObject({ ok: true, length: n });

    const all = await createQuiz(user.id, { ...ALL, length: 20 }, 3);
    if (!all.ok) throw new Error("quiz not created");
    const slugs = (await prisma.quizSession.findUniqueOrThrow({ where: { id: all.id } })).questionIds as string[];
    const types = await prisma.question.findMany({ where: { slug: { in: slugs } }, select: { type: true } });
    expect(types.every((t) => t.type === "flashcard" || t.type === "choice")).toBe(true);

    const predictions = await createQuiz(user.id, { ...ALL, types: ["prediction"], length: 5 }, 4);
    if (!predictions.ok) throw new Error("quiz not created");
    const asked = (await prisma.quizSession.findUniqueOrThrow({ where: { id: predictions.id } }))
      .questionIds as string[];
    const kinds = await prisma.question.findMany({ where: { slug: { in: asked } }, select: { type: true } });
    expect(kinds.map((k) => k.type)).toEqual(Array(5).fill("prediction"));
  });

  it("refuses settings no question matches, and creates nothing", async () => {
    const user = await newUser("nomatch");
    const groups = await prisma.question.groupBy({
      by: ["topic", "difficulty", "type"],
      where: { published: true, type: { in: ["flashcard", "choice"] } },
    });
    const have = new Set(groups.map((g) => `${g.topic}/${g.difficulty}/${g.type}`));
    const empty = ALL.topics
      .flatMap((topic) =>
        ([1, 2, 3] as const).flatMap((d) => (["flashcard", "choice"] as const).map((type) => ({ topic, d, type }))),
      )
      .find((c) => !have.has(`${c.topic}/${c.d}/${c.type}`));
    if (!empty) throw new Error("every topic × difficulty × type combination has a question");
    const result = await createQuiz(
      user.id,
      { topics: [empty.topic], difficulties: [empty.d], types: [empty.type], length: 5 },
      1,
    );
    expect(result).toEqual({ ok: false, error: "noMatch" });
    expect(await prisma.quizSession.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("answering a quiz", () => {
  let owner: { id: string };
  let intruder: { id: string };
  let quizId: string;
  let slugs: string[];

  beforeAll(async () => {
    owner = await newUser("owner");
    intruder = await newUser("intruder");
    const created = await createQuiz(owner.id, { ...ALL, length: 5 }, 2024);
    if (!created.ok) throw new Error("quiz not created");
    quizId = created.id;
    slugs = (await prisma.quizSession.findUniqueOrThrow({ where: { id: quizId } })).questionIds as string[];
    expect(slugs).toHaveLength(5);
  });

  it("resumes at the first unanswered question, refuses other questions and ignores a repeat", async () => {
    const [first, second, third, fourth] = slugs as [string, string, string, string];
    expect((await getQuizRun(owner.id, quizId))?.position).toBe(0);

    expect(await answerQuiz(owner.id, quizId, second, await answerFor(second, true))).toEqual({
      ok: false,
      error: "notCurrent",
    });
    expect(await answerQuiz(owner.id, quizId, first, await answerFor(first, true))).toEqual({
      ok: true,
      duplicate: false,
      finished: false,
    });
    // A double submit, even with another answer, stores nothing new and keeps the first answer.
    expect(await answerQuiz(owner.id, quizId, first, await answerFor(first, false))).toEqual({
      ok: true,
      duplicate: true,
      finished: false,
    });
    expect(await answerQuiz(owner.id, quizId, second, await answerFor(second, false))).toMatchObject({
      ok: true,
      duplicate: false,
    });

    const run = await getQuizRun(owner.id, quizId);
    expect(run?.position).toBe(2);
    expect(run?.answers.map((a) => [a.slug, a.correct])).toEqual([
      [first, true],
      [second, false],
    ]);
    expect(await prisma.attempt.count({ where: { quizSessionId: quizId } })).toBe(2);
    expect(await answerQuiz(owner.id, quizId, fourth, await answerFor(fourth, true))).toEqual({
      ok: false,
      error: "notCurrent",
    });
    expect(slugs[run?.position ?? -1]).toBe(third);
  });

  it("rejects an answer of the wrong kind or with an unknown option", async () => {
    const current = slugs[2] as string;
    const q = await prisma.question.findUniqueOrThrow({ where: { slug: current }, select: { type: true } });
    const wrongKind: QuizAnswerInput =
      q.type === "choice" ? { kind: "recall", score: 1 } : { kind: "choice", options: ["a"] };
    expect(await answerQuiz(owner.id, quizId, current, wrongKind)).toEqual({ ok: false, error: "wrongKind" });
    if (q.type === "choice")
      expect(await answerQuiz(owner.id, quizId, current, { kind: "choice", options: ["z"] })).toEqual({
        ok: false,
        error: "unknownOption",
      });
    expect(await prisma.attempt.count({ where: { quizSessionId: quizId } })).toBe(2);
  });

  it("another user cannot see or answer it", async () => {
    expect(await getQuizRun(intruder.id, quizId)).toBeNull();
    expect(await getQuizSummary(intruder.id, quizId, "en")).toBeNull();
    const current = slugs[2] as string;
    expect(await answerQuiz(intruder.id, quizId, current, await answerFor(current, true))).toEqual({
      ok: false,
      error: "notFound",
    });
    expect(await prisma.attempt.count({ where: { quizSessionId: quizId } })).toBe(2);
    expect(await getQuizRun(owner.id, "no-such-quiz")).toBeNull();
  });

  it("the last answer finishes the quiz with its score; the summary lists topics and mistakes", async () => {
    const rightness = [true, false, true, false, true]; // first two already answered above
    for (let i = 2; i < slugs.length; i++) {
      const slug = slugs[i] as string;
      const result = await answerQuiz(owner.id, quizId, slug, await answerFor(slug, rightness[i] as boolean));
      expect(result).toEqual({ ok: true, duplicate: false, finished: i === slugs.length - 1 });
    }
    const quiz = await prisma.quizSession.findUniqueOrThrow({ where: { id: quizId } });
    expect(quiz.finishedAt).toBeInstanceOf(Date);

    const attempts = await prisma.attempt.findMany({
      where: { quizSessionId: quizId },
      select: {
        userId: true,
        correct: true,
        kind: true,
        score: true,
        question: { select: { slug: true, type: true } },
      },
      orderBy: { createdAt: "asc" },
    });
    // partial credit: a recall graded "Partly" (answerFor's wrong recall) earns half a point
    const partly = attempts.filter((a) => a.kind === "recall" && a.correct === false).length;
    expect(attempts.map((a) => a.score)).toEqual(attempts.map((a) => (a.correct ? 1 : a.kind === "recall" ? 0.5 : 0)));
    const expectedScore = (3 + 0.5 * partly) / 5;
    expect(quiz.score).toBeCloseTo(expectedScore);
    expect(attempts.map((a) => a.question.slug)).toEqual(slugs);
    expect(attempts.map((a) => a.correct)).toEqual(rightness);
    for (const a of attempts) {
      expect(a.userId).toBe(owner.id);
      expect(a.kind).toBe(a.question.type === "choice" ? "choice" : "recall");
    }

    const summary = await getQuizSummary(owner.id, quizId, "zh");
    expect(summary).toMatchObject({ total: 5, correct: 3, partly });
    expect(summary?.score).toBeCloseTo(expectedScore);
    const wrong = slugs.filter((_, i) => !rightness[i]);
    expect(summary?.mistakes.map((m) => m.slug)).toEqual(wrong);
    expect(summary?.mistakes.filter((m) => m.partly)).toHaveLength(partly);
    for (const m of summary?.mistakes ?? []) expect(m.title).toMatch(/[\u4e00-\u9fff]/);
    const topics = await prisma.question.findMany({
      where: { slug: { in: slugs } },
      select: { slug: true, topic: true },
    });
    const expectedByTopic = new Map<string, { total: number; correct: number }>();
    for (const [i, slug] of slugs.entries()) {
      const topic = topics.find((t) => t.slug === slug)?.topic as string;
      const e = expectedByTopic.get(topic) ?? { total: 0, correct: 0 };
      e.total++;
      if (rightness[i]) e.correct++;
      expectedByTopic.set(topic, e);
    }
    expect(
      Object.fromEntries(summary?.byTopic.map((t) => [t.topic, { total: t.total, correct: t.correct }]) ?? []),
    ).toEqual(Object.fromEntries(expectedByTopic));

    expect((await getQuizRun(owner.id, quizId))?.finished).toBe(true);
    const last = slugs[4] as string;
    expect(await answerQuiz(owner.id, quizId, last, await answerFor(last, false))).toMatchObject({
      ok: true,
      duplicate: true,
    });
    expect(await prisma.attempt.count({ where: { quizSessionId: quizId } })).toBe(5);
    expect((await prisma.quizSession.findUniqueOrThrow({ where: { id: quizId } })).score).toBeCloseTo(expectedScore);
  });
});

describe("a double submit at the same moment", () => {
  it("stores one attempt", async () => {
    const user = await newUser("double");
    const created = await createQuiz(user.id, { ...ALL, length: 5 }, 99);
    if (!created.ok) throw new Error("quiz not created");
    const slugs = (await prisma.quizSession.findUniqueOrThrow({ where: { id: created.id } })).questionIds as string[];
    const first = slugs[0] as string;
    const input = await answerFor(first, true);
    const results = await Promise.all([1, 2, 3].map(() => answerQuiz(user.id, created.id, first, input)));
    expect(results.filter((r) => r.ok && !r.duplicate)).toHaveLength(1);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await prisma.attempt.count({ where: { quizSessionId: created.id } })).toBe(1);
  });
});

describe("study status (question list filter)", () => {
  const now = new Date("2026-06-01T12:00:00Z");
  const day = 86_400_000;
  const card = (due: Date, state: number, scheduledDays: number) => ({ due, state, scheduledDays });

  it("applies the rules in order: new, due, learning, mastered, seen", () => {
    expect(statusOf(null, false, now)).toBe("new");
    expect(statusOf(null, true, now)).toBe("seen");
    expect(statusOf(card(now, 2, 40), true, now)).toBe("due");
    expect(statusOf(card(new Date(now.getTime() - day), 1, 0), false, now)).toBe("due");
    expect(statusOf(card(new Date(now.getTime() + day), 1, 0), false, now)).toBe("learning");
    expect(statusOf(card(new Date(now.getTime() + day), 3, 1), false, now)).toBe("learning");
    expect(statusOf(card(new Date(now.getTime() + 30 * day), 2, MASTERED_MIN_INTERVAL_DAYS), false, now)).toBe(
      "mastered",
    );
    expect(statusOf(card(new Date(now.getTime() + 5 * day), 2, MASTERED_MIN_INTERVAL_DAYS - 1), false, now)).toBe(
      "seen",
    );
  });

  it("derives each question's status from the user's cards and attempts, and filters and counts by it", async () => {
    const user = await newUser("studier");
    const other = await newUser("other");
    const questions = await prisma.question.findMany({
      where: { published: true },
      orderBy: [{ position: "asc" }, { slug: "asc" }],
      select: { id: true, slug: true },
    });
    const [qDue, qLearning, qMastered, qYoung, qAttempted] = questions as [
      (typeof questions)[0],
      (typeof questions)[0],
      (typeof questions)[0],
      (typeof questions)[0],
      (typeof questions)[0],
    ];
    const base = { stability: 1, difficulty: 5, elapsedDays: 0, learningSteps: 0, reps: 1, lapses: 0 };
    await prisma.card.createMany({
      data: [
        {
          ...base,
          userId: user.id,
          questionId: qDue.id,
          due: new Date(now.getTime() - day),
          state: 2,
          scheduledDays: 3,
        },
        {
          ...base,
          userId: user.id,
          questionId: qLearning.id,
          due: new Date(now.getTime() + 600_000),
          state: 1,
          scheduledDays: 0,
        },
        {
          ...base,
          userId: user.id,
          questionId: qMastered.id,
          due: new Date(now.getTime() + 25 * day),
          state: 2,
          scheduledDays: 25,
        },
        {
          ...base,
          userId: user.id,
          questionId: qYoung.id,
          due: new Date(now.getTime() + 4 * day),
          state: 2,
          scheduledDays: 4,
        },
        // another user's card never changes this user's statuses
        {
          ...base,
          userId: other.id,
          questionId: qAttempted.id,
          due: new Date(now.getTime() - day),
          state: 2,
          scheduledDays: 3,
        },
      ],
    });
    await prisma.attempt.create({ data: { userId: user.id, questionId: qAttempted.id, kind: "reveal" } });

    const statuses = await studyStatusBySlug(user.id, now);
    expect(statuses.get(qDue.slug)).toBe("due");
    expect(statuses.get(qLearning.slug)).toBe("learning");
    expect(statuses.get(qMastered.slug)).toBe("mastered");
    expect(statuses.get(qYoung.slug)).toBe("seen");
    expect(statuses.get(qAttempted.slug)).toBe("seen");
    expect(statuses.size).toBe(questions.length);
    expect([...statuses.values()].filter((s) => s === "new")).toHaveLength(questions.length - 5);
    expect((await studyStatusBySlug(other.id, now)).get(qAttempted.slug)).toBe("due");

    const all = await listQuestionsWithStatus("en", {}, user.id, now);
    expect(all.counts).toEqual({ new: questions.length - 5, due: 1, learning: 1, mastered: 1, seen: 2 });
    expect(STUDY_STATUSES.reduce((n, s) => n + all.counts[s], 0)).toBe(questions.length);

    const byStatus = await listQuestionsWithStatus("en", { sort: "status" }, user.id, now);
    expect(byStatus.questions.map((q) => q.status).slice(0, 2)).toEqual(["due", "learning"]);
    expect(byStatus.questions.at(-1)?.status).toBe("mastered");
    expect(all.mastery.all).toMatchObject({ mastered: 1, started: 4 });

    const fromUrl = parseQuestionFilter({ status: "mastered" });
    expect(fromUrl.status).toBe("mastered");
    const mastered = await listQuestionsWithStatus("en", fromUrl, user.id, now);
    expect(mastered.questions.map((q) => q.slug)).toEqual([qMastered.slug]);
    expect(mastered.counts).toEqual(all.counts);

    const fresh = await listQuestionsWithStatus("en", { status: "new" }, user.id, now);
    expect(fresh.questions.map((q) => q.slug)).not.toContain(qAttempted.slug);
    expect(fresh.questions).toHaveLength(questions.length - 5);

    // combined with another filter, the counts follow that filter
    const topic = (await prisma.question.findUniqueOrThrow({ where: { id: qDue.id }, select: { topic: true } })).topic;
    const byTopic = await listQuestionsWithStatus("en", { topic: topic as never, status: "due" }, user.id, now);
    expect(byTopic.questions.map((q) => q.slug)).toEqual([qDue.slug]);
    const inTopic = await prisma.question.count({ where: { published: true, topic } });
    expect(STUDY_STATUSES.reduce((n, s) => n + byTopic.counts[s], 0)).toBe(inTopic);

    // no user: everything is new
    const anonymous = await listQuestionsWithStatus("en", {}, null, now);
    expect(anonymous.counts.new).toBe(questions.length);
  });

  it("drops an unknown status in the URL instead of failing", () => {
    expect(parseQuestionFilter({ status: "forgotten" }).status).toBeUndefined();
    expect(parseQuestionFilter({ status: ["due", "new"] }).status).toBe("due");
  });

  it("search matches either language's text, whichever language the list is in", async () => {
    const zh = await listQuestionsWithStatus("zh", { search: "梯度" }, null, now);
    expect(zh.questions.length).toBeGreaterThan(0);
    const en = await listQuestionsWithStatus("en", { search: "梯度" }, null, now);
    expect(en.questions.map((q) => q.slug)).toEqual(zh.questions.map((q) => q.slug));
    // shown in the list's language
    expect(en.questions.every((q) => !/[\u4e00-\u9fff]/.test(q.title))).toBe(true);
    const clipping = await listQuestionsWithStatus("zh", { search: "clipping" }, null, now);
    expect(clipping.questions.length).toBeGreaterThan(0);
    expect(clipping.questions.every((q) => /[\u4e00-\u9fff]/.test(q.title))).toBe(true);
    expect((await listQuestionsWithStatus("en", { search: "no-such-words-here" }, null, now)).questions).toEqual([]);
  });

  it("sorts by difficulty and by status, keeping the learning order within each, and reports mastery", async () => {
    const learning = await listQuestionsWithStatus("en", {}, null, now);
    expect(learning.questions.map((q) => q.number)).toEqual(learning.questions.map((_, i) => i + 1));
    const byDifficulty = await listQuestionsWithStatus("en", { sort: "difficulty" }, null, now);
    const d = byDifficulty.questions.map((q) => q.difficulty);
    expect(d).toEqual([...d].sort((a, b) => a - b));
    const easy = byDifficulty.questions.filter((q) => q.difficulty === 1).map((q) => q.number);
    expect(easy).toEqual([...easy].sort((a, b) => a - b));
    expect(learning.mastery.all).toEqual({ total: learning.questions.length, mastered: 0, started: 0 });
    expect(learning.mastery.byTopic.reduce((n, t) => n + t.mastery.total, 0)).toBe(learning.questions.length);
  });
});

/** Runs the engine in this process, as the sim service's workers do. */
const runner = (config: unknown) => {
  const parsed = parseSimConfig(config);
  if (!parsed.ok) throw new Error("invalid config");
  return simulate(parsed.config);
};

/** An answer of the right shape that the engine's outcome does not accept. */
function wrongAnswer(spec: PredictionSpec, expected: PredictionAnswer): PredictionAnswer {
  switch (spec.kind) {
    case "verdict":
      return VERDICTS.find((v) => v !== expected) as PredictionAnswer;
    case "smallestGradient":
      return expected === 1 ? 2 : 1;
    case "log10GradRatio":
      return Math.max(
        -LOG10_ANSWER_LIMIT,
        Math.min(LOG10_ANSWER_LIMIT, (expected as number) + 10 * spec.tolerance + 5),
      );
    case "lossDecreases":
      return !expected;
    case "healthiest":
      return spec.options.find((o) => o.id !== expected)?.id as string;
  }
}

describe("prediction questions in a quiz, its mistakes retried, and Today", () => {
  it("grades a prediction by running the engine, retries what was not right, and Today offers to continue", async () => {
    const user = await newUser("predictor");
    const created = await createQuiz(user.id, { ...ALL, types: ["prediction"], length: 5 }, 11);
    if (!created.ok) throw new Error("quiz not created");
    const slugs = (await prisma.quizSession.findUniqueOrThrow({ where: { id: created.id } })).questionIds as string[];
    const fresh = await loadToday(user.id);
    expect(fresh).toMatchObject({ returning: false, quiz: { id: created.id, answered: 0, total: 5 } });

    const given: PredictionAnswer[] = [];
    for (const [i, slug] of slugs.entries()) {
      const spec = await getGradingSpec(slug);
      if (spec?.type !== "prediction") throw new Error(`${slug} is not a prediction`);
      const results = await Promise.all(predictionConfigs(spec.prediction).map(runner));
      const expected = outcomeOf(spec.prediction, results).expected;
      const answer = i === 0 ? expected : wrongAnswer(spec.prediction, expected);
      given.push(answer);
      const grade = await gradePrediction(spec.prediction, answer, runner);
      expect(grade.correct).toBe(i === 0);
      const result = await answerQuiz(user.id, created.id, slug, { kind: "prediction", answer, grade });
      expect(result).toEqual({ ok: true, duplicate: false, finished: i === 4 });
      if (i === 1) expect((await loadToday(user.id)).quiz).toMatchObject({ answered: 2, total: 5 });
    }
    const run = await getQuizRun(user.id, created.id);
    expect(run?.answers.map((a) => [a.kind, a.correct, a.prediction?.answer])).toEqual(
      given.map((answer, i) => ["prediction", i === 0, answer]),
    );
    expect((await prisma.quizSession.findUniqueOrThrow({ where: { id: created.id } })).score).toBeCloseTo(1 / 5);
    const today = await loadToday(user.id);
    expect(today.returning).toBe(true);
    expect(today.quiz).toBeNull(); // finished

    // a choice answer to a prediction question is refused
    const again = await createQuiz(user.id, { ...ALL, types: ["prediction"], length: 5 }, 12);
    if (!again.ok) throw new Error("quiz not created");
    const firstOfAgain = (
      (await prisma.quizSession.findUniqueOrThrow({ where: { id: again.id } })).questionIds as string[]
    )[0] as string;
    expect(await answerQuiz(user.id, again.id, firstOfAgain, { kind: "choice", options: ["a"] })).toEqual({
      ok: false,
      error: "wrongKind",
    });

    const retry = await createRetryQuiz(user.id, created.id, 5);
    if (!retry) throw new Error("no retry");
    const row = await prisma.quizSession.findUniqueOrThrow({ where: { id: retry.id } });
    expect(new Set(row.questionIds as string[])).toEqual(new Set(slugs.slice(1)));
    expect(row.settings).toMatchObject({ length: 4, retryOf: created.id, types: ["prediction"] });
    expect(await getQuizMistakeIds(user.id, created.id)).toHaveLength(4);
    // another learner can neither retry it nor read its mistakes
    const other = await newUser("not-the-owner");
    expect(await createRetryQuiz(other.id, created.id, 5)).toBeNull();
    expect(await getQuizMistakeIds(other.id, created.id)).toBeNull();
  }, 120_000);
});
