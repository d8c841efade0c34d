/**
 * `npm run db:copy`: a seeded SQLite installation with real progress moves to PostgreSQL and
 * back, verified by row counts and checksums on both sides; reruns are safe; a non-empty target
 * is refused unless --replace.
 */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadQuestionBank } from "@/lib/content/load";
import { createPrismaClient } from "@/lib/db/create-client";
import { jsonNulls, type PrismaClient } from "@/lib/db/prisma";
import { seedQuestionBank } from "@/lib/db/seed";
import { copyDatabase, fingerprint, readModels } from "@/scripts/db-copy";
import { ROOT, TMP_DIR } from "@/tests/support/paths";
import { createEmptyPostgresDatabase, migrateSqliteFile } from "@/tests/support/test-databases";

const clients: PrismaClient[] = [];
afterAll(() => Promise.all(clients.map((c) => c.$disconnect())));
const client = (url: string) => {
  const c = createPrismaClient(url, { max: 2 });
  clients.push(c);
  return c;
};

/** A learner with everything a learner can have, written the way the app writes it. */
async function withProgress(db: PrismaClient): Promise<string> {
  const [q1, q2] = await db.question.findMany({ orderBy: { position: "asc" }, take: 2 });
  if (!q1 || !q2) throw new Error("need two questions");
  const user = await db.user.create({
    data: {
      name: "Ada 梯度",
      email: "ada@example.com",
      username: "ada",
      isAnonymous: false,
      locale: "zh",
      timeZone: "Asia/Shanghai",
      newCardsPerDay: 7,
      desiredRetention: 0.85,
      accounts: { create: { accountId: "ada", providerId: "credential", password: "scrypt$salt$hash" } },
      sessions: { create: { token: `t-${randomUUID()}`, expiresAt: new Date("2027-01-01T00:00:00.123Z") } },
    },
  });
  const quiz = await db.quizSession.create({
    data: { userId: user.id, settings: { topics: ["fundamentals"], length: 5 }, questionIds: [q1.slug, q2.slug] },
  });
  await db.attempt.create({
    data: {
      userId: user.id,
      questionId: q1.id,
      quizSessionId: quiz.id,
      kind: "choice",
      response: { selected: ["a"] },
      correct: true,
      score: 1,
    },
  });
  await db.attempt.create({ data: { userId: user.id, questionId: q2.id, kind: "reveal" } });
  const card = await db.card.create({
    data: {
      userId: user.id,
      questionId: q1.id,
      due: new Date("2026-12-03T08:00:00.456Z"),
      stability: 3.2500000001,
      difficulty: 5.5,
      elapsedDays: 0,
      scheduledDays: 2,
      learningSteps: 0,
      reps: 2,
      lapses: 0,
      state: 2,
      lastReview: new Date("2026-12-01T08:00:00.789Z"),
    },
  });
  for (const [i, previous] of [jsonNulls(db).JsonNull, { state: 1, reps: 1 }].entries()) {
    await db.reviewLog.create({
      data: {
        cardId: card.id,
        userId: user.id,
        requestId: randomUUID(),
        rating: 3,
        state: i,
        due: new Date(`2026-12-0${i + 1}T08:00:00Z`),
        stability: 1.5,
        difficulty: 5,
        elapsedDays: i,
        lastElapsedDays: 0,
        scheduledDays: 1,
        learningSteps: 0,
        review: new Date(`2026-12-0${i + 1}T08:00:00Z`),
        previousCard: previous,
      },
    });
  }
  await db.verification.create({ data: { identifier: "ada", value: "v", expiresAt: new Date("2027-01-01") } });
  return user.id;
}

describe("npm run db:copy", () => {
  it("copies every table from SQLite to PostgreSQL and back, verified by counts and checksums", async () => {
    const sqliteFile = path.join(TMP_DIR, `fresh-copy-${randomUUID().slice(0, 8)}.db`);
    migrateSqliteFile(sqliteFile);
    const sqliteUrl = `file:${sqliteFile}`;
    const source = client(sqliteUrl);
    await seedQuestionBank(source, loadQuestionBank());
    const userId = await withProgress(source);

    const pgUrl = await createEmptyPostgresDatabase(`gradlab_test_copy_target_${randomUUID().slice(0, 8)}`);
    const result = await copyDatabase(sqliteUrl, pgUrl);
    expect(result.status).toBe("copied");
    const tables = new Map(result.tables.map((t) => [t.table, t.rows]));
    expect(tables.get("Question")).toBe(loadQuestionBank().length);
    for (const t of ["User", "Account", "Session", "QuizSession", "Verification", "Card"])
      expect(tables.get(t)).toBe(1);
    expect(tables.get("Attempt")).toBe(2);
    expect(tables.get("ReviewLog")).toBe(2);
    expect(
      readModels()
        .map((m) => m.name)
        .filter((n) => !tables.has(n)),
    ).toEqual(["RateLimit"]);

    const target = client(pgUrl);
    expect(await fingerprint(target)).toEqual(await fingerprint(source));
    // Values arrive as they were: settings, instants to the millisecond, JSON null vs SQL NULL.
    const user = await target.user.findUniqueOrThrow({
      where: { id: userId },
      include: { cards: true, reviewLogs: true },
    });
    expect(user).toMatchObject({
      name: "Ada 梯度",
      locale: "zh",
      timeZone: "Asia/Shanghai",
      newCardsPerDay: 7,
      desiredRetention: 0.85,
    });
    expect(user.cards[0]?.due.toISOString()).toBe("2026-12-03T08:00:00.456Z");
    expect(user.cards[0]?.stability).toBe(3.2500000001);
    const reveal = await target.attempt.findFirstOrThrow({ where: { userId, kind: "reveal" } });
    expect(reveal.response).toBeNull();
    const [nulls] = await target.$queryRawUnsafe<{ sqlNull: number; jsonNull: number }[]>(
      `SELECT (SELECT count(*)::int FROM "Attempt" WHERE response IS NULL) AS "sqlNull",
              (SELECT count(*)::int FROM "ReviewLog" WHERE jsonb_typeof("previousCard") = 'null') AS "jsonNull"`,
    );
    expect(nulls).toEqual({ sqlNull: 1, jsonNull: 1 });

    // The learner's password still works for better-auth: the account row is byte for byte the same.
    expect((await target.account.findFirstOrThrow({ where: { userId } })).password).toBe("scrypt$salt$hash");

    // And back to a new SQLite file: the same fingerprint again.
    const backFile = path.join(TMP_DIR, `fresh-copy-back-${randomUUID().slice(0, 8)}.db`);
    const back = await copyDatabase(pgUrl, `file:${backFile}`);
    expect(back.tables).toEqual(result.tables);
  }, 240_000); // seeds the whole bank and copies it twice

  it("is safe to rerun, refuses a different non-empty target, and replaces it when asked", async () => {
    const sqliteFile = path.join(TMP_DIR, `fresh-copy-${randomUUID().slice(0, 8)}.db`);
    migrateSqliteFile(sqliteFile);
    const sqliteUrl = `file:${sqliteFile}`;
    const source = client(sqliteUrl);
    await seedQuestionBank(source, loadQuestionBank().slice(0, 3));
    await withProgress(source);
    const pgUrl = await createEmptyPostgresDatabase(`gradlab_test_copy_target_${randomUUID().slice(0, 8)}`);

    expect((await copyDatabase(sqliteUrl, pgUrl)).status).toBe("copied");
    expect((await copyDatabase(sqliteUrl, pgUrl)).status).toBe("already-copied");

    const target = client(pgUrl);
    await target.user.create({ data: { name: "only in the target" } });
    await expect(copyDatabase(sqliteUrl, pgUrl)).rejects.toThrow(/already holds \d+ rows .* pass --replace/);
    expect(await target.user.count({ where: { name: "only in the target" } })).toBe(1);

    const replaced = await copyDatabase(sqliteUrl, pgUrl, { replace: true });
    expect(replaced.status).toBe("copied");
    expect(await target.user.count({ where: { name: "only in the target" } })).toBe(0);
    expect(await fingerprint(target)).toEqual(await fingerprint(source));
  }, 180_000);

  it("the command line: one masked line when a side cannot be used, exit status 1", () => {
    const run = (args: string[]) => {
      try {
        execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/db-copy.ts", ...args], {
          cwd: ROOT,
          encoding: "utf8",
          stdio: "pipe",
        });
        return { status: 0, stderr: "" };
      } catch (e) {
        const err = e as { status: number; stderr: string };
        return { status: err.status, stderr: err.stderr };
      }
    };
    const wrong = (process.env.DATABASE_URL ?? "").replace(/:\/\/([^:]+):[^@]+@/, "://$1:not-the-password@");
    const out = run(["--from", `file:${path.join(TMP_DIR, "does-not-matter.db")}`, "--to", wrong]);
    expect(out.status).toBe(1);
    expect(out.stderr.trim().split("\n")).toHaveLength(1);
    expect(out.stderr).toMatch(/refused the password/);
    expect(out.stderr).not.toContain("not-the-password");
    expect(run([]).status).toBe(2);
  }, 120_000);
});
