import { afterAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/questions/route";
import { loadQuestionBank } from "@/lib/content/load";
import { prisma } from "@/lib/db/client.server";

afterAll(() => prisma.$disconnect());

const bank = loadQuestionBank();
const get = (query: string) => GET(new Request(`http://localhost/api/questions${query}`));
const CJK = /[\u4e00-\u9fff]/;

describe("GET /api/questions", () => {
  it("lists every published question in English by default", async () => {
    const res = await get("");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.lang).toBe("en");
    expect(body.count).toBe(bank.length);
    const first = bank[0]?.question;
    expect(body.questions[0]).toEqual({
      slug: first?.slug,
      topic: first?.topic,
      difficulty: first?.difficulty,
      type: first?.type,
      title: first?.title.en,
      prompt: first?.prompt.en,
      shortAnswer: first?.shortAnswer.en,
      tags: [...new Set(first?.tags)].sort(),
      number: 1, // its place in the learning order, as the list shows it
    });
  });

  it("answers in Chinese with lang=zh", async () => {
    const body = await (await get("?lang=zh")).json();
    expect(body.count).toBe(bank.length);
    const bySlug = new Map(bank.map((l) => [l.question.slug, l.question]));
    for (const q of body.questions) {
      expect(q.title).toMatch(CJK);
      expect(q.prompt).toMatch(CJK);
      expect(q.shortAnswer).toBe(bySlug.get(q.slug)?.shortAnswer.zh);
    }
  });

  it("filters by topic, type, difficulty and search text", async () => {
    const topic = bank[0]?.question.topic;
    const body = await (await get(`?topic=${topic}`)).json();
    expect(body.count).toBe(bank.filter((q) => q.question.topic === topic).length);
    const preds = await (await get("?type=prediction&difficulty=2")).json();
    expect(preds.count).toBe(
      bank.filter((q) => q.question.type === "prediction" && q.question.difficulty === 2).length,
    );
    const search = await (await get(`?lang=zh&q=${encodeURIComponent("梯度")}`)).json();
    expect(search.count).toBeGreaterThan(0);
    expect(search.count).toBeLessThanOrEqual(bank.length);
  });

  it.each([
    ["?lang=fr", /lang must be one of: en, zh/],
    ["?lang=en&lang=zh", /Give each parameter once \(repeated: lang\)/],
    ["?difficulty=9", /difficulty must be 1, 2 or 3/],
    ["?topic=physics", /topic must be one of/],
    ["?page=2", /Unknown parameter: page/],
    [`?q=${"x".repeat(101)}`, /at most 100 characters/],
  ])("rejects %s with a 400 and a message", async (query, message) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toMatch(message);
  });

  it("omits unpublished questions", async () => {
    const slug = bank[0]?.question.slug ?? "";
    await prisma.question.update({ where: { slug }, data: { published: false } });
    const body = await (await get("")).json();
    expect(body.count).toBe(bank.length - 1);
    expect(body.questions.map((q: { slug: string }) => q.slug)).not.toContain(slug);
  });
});
