import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadQuestionBank } from "@/lib/content/load";
import { createPrismaClient } from "@/lib/db/create-client";
import { seedQuestionBank } from "@/lib/db/seed";
import { providerOf } from "@/lib/env";
import { freshDatabase } from "@/tests/support/fresh-db";
import { ROOT, TMP_DIR } from "@/tests/support/paths";
import { emptyDatabase, TEST_PROVIDER } from "@/tests/support/test-databases";

const bank = loadQuestionBank();
const { prisma, url } = await freshDatabase({ seeded: false });
afterAll(() => prisma.$disconnect());

async function snapshot() {
  const [questions, translations, tags, questionTags, scenarios] = await Promise.all([
    prisma.question.findMany({ orderBy: { slug: "asc" } }),
    prisma.questionTranslation.findMany({ orderBy: [{ questionId: "asc" }, { lang: "asc" }] }),
    prisma.tag.findMany({ orderBy: { slug: "asc" } }),
    prisma.questionTag.findMany({ orderBy: [{ questionId: "asc" }, { tagId: "asc" }] }),
    prisma.scenario.findMany({ orderBy: [{ questionId: "asc" }, { key: "asc" }] }),
  ]);
  return { questions, translations, tags, questionTags, scenarios };
}

describe("seeding the question bank", () => {
  it("creates every question with both languages, its tags and scenarios", async () => {
    const report = await seedQuestionBank(prisma, bank);
    expect(report.created).toHaveLength(bank.length);
    expect(await prisma.question.count()).toBe(bank.length);
    expect(await prisma.questionTranslation.count()).toBe(bank.length * 2);
    const stored = await prisma.questionTranslation.findMany({
      select: { lang: true, shortAnswer: true, question: { select: { slug: true } } },
    });
    const expected = bank.flatMap(({ question: q }) =>
      (["en", "zh"] as const).map((lang) => `${q.slug}/${lang}: ${q.shortAnswer[lang]}`),
    );
    expect(stored.map((t) => `${t.question.slug}/${t.lang}: ${t.shortAnswer}`).sort()).toEqual(expected.sort());
    const scenarios = bank.reduce((n, q) => n + q.question.scenarios.length, 0);
    expect(await prisma.scenario.count()).toBe(scenarios);
  });

  it("is idempotent: a second run changes nothing and keeps user data", async () => {
    const user = await prisma.user.create({ data: {} });
    const question = await prisma.question.findFirstOrThrow({ orderBy: { slug: "asc" } });
    await prisma.attempt.create({ data: { userId: user.id, questionId: question.id, kind: "reveal" } });

    const before = await snapshot();
    const report = await seedQuestionBank(prisma, bank);
    expect(report).toEqual({ created: [], updated: [], unchanged: bank.length, unpublished: [] });
    expect(await snapshot()).toEqual(before);
    expect(await prisma.attempt.count({ where: { userId: user.id } })).toBe(1);
  });

  it("updates a changed question in place and unpublishes a removed one without deleting progress", async () => {
    const [first, second, ...rest] = bank;
    if (!first || !second) throw new Error("the bank needs at least two questions for this test");
    const user = await prisma.user.create({ data: {} });
    const removed = await prisma.question.findUniqueOrThrow({ where: { slug: second.question.slug } });
    await prisma.attempt.create({ data: { userId: user.id, questionId: removed.id, kind: "reveal" } });

    const edited = {
      ...first,
      hash: "changed-hash",
      question: { ...first.question, title: { ...first.question.title, en: "An edited title" } },
    };
    const report = await seedQuestionBank(prisma, [edited, ...rest]);
    expect(report.updated).toEqual([first.question.slug]);
    expect(report.unpublished).toEqual([second.question.slug]);

    const row = await prisma.question.findUniqueOrThrow({
      where: { slug: first.question.slug },
      include: { translations: { where: { lang: "en" } } },
    });
    expect(row.translations[0]?.title).toBe("An edited title");
    const gone = await prisma.question.findUniqueOrThrow({ where: { slug: second.question.slug } });
    expect(gone.published).toBe(false);
    expect(await prisma.attempt.count({ where: { questionId: gone.id, userId: user.id } })).toBe(1);

    // Restoring the files republishes the question with its progress intact.
    const back = await seedQuestionBank(prisma, bank);
    expect(back.updated.sort()).toEqual([first.question.slug, second.question.slug].sort());
    expect((await prisma.question.findUniqueOrThrow({ where: { slug: second.question.slug } })).published).toBe(true);
  });
});

describe("scripts/db-setup.ts (npm run db:setup, what npm start runs)", () => {
  it("migrates an empty database and seeds it; a second run reports nothing changed", async () => {
    const { url: emptyUrl } = await emptyDatabase();
    const run = () =>
      execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/db-setup.ts"], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: emptyUrl },
        encoding: "utf8",
      });
    expect(run()).toContain(`${bank.length} questions created`);
    expect(run()).toContain(`0 questions created, 0 updated, ${bank.length} unchanged`);
    const other = createPrismaClient(emptyUrl, { max: 1 });
    if (TEST_PROVIDER === "sqlite") {
      // WAL is a property of a SQLite file (ADR 3); PostgreSQL has no such switch.
      const [mode] = await other.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
      expect(mode?.journal_mode).toBe("wal");
    }
    expect(await other.question.count({ where: { published: true } })).toBe(bank.length);
    await other.$disconnect();
  }, 120_000); // two child processes (tsx startup + migrate + seed): slow on a loaded machine

  it("refuses an invalid question file with a message naming the file and field, and writes nothing", async () => {
    const dir = mkdtempSync(path.join(TMP_DIR, "bank-"));
    try {
      cpSync(path.join(ROOT, "content/questions"), dir, { recursive: true });
      const [firstFile] = readdirSync(dir);
      if (!firstFile) throw new Error("empty bank");
      const { writeFileSync, readFileSync } = await import("node:fs");
      const broken = readFileSync(path.join(dir, firstFile), "utf8").replace(/^difficulty: \d/m, "difficulty: 7");
      writeFileSync(path.join(dir, firstFile), broken);
      expect(() => loadQuestionBank(dir)).toThrow(new RegExp(`${firstFile}: difficulty`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(providerOf(url)).toBe(TEST_PROVIDER);
  });
});
