/**
 * Imports bounded: the largest file allowed goes in whole as bulk writes (one statement per
 * 4,000 rows, ADR 31), all or nothing, while other learners are still served; and an account can
 * start only so many imports an hour — counted in the database, so every app server sees the
 * same count.
 */
import { afterAll, describe, expect, it } from "vitest";
import { GET as exportRoute } from "@/app/api/progress/export/route";
import { POST as importRoute } from "@/app/api/progress/import/route";
import { prisma } from "@/lib/db/client.server";
import { takeSharedLimit } from "@/lib/db/limits.server";
import { IMPORT_LIMIT } from "@/lib/progress/export-format";
import { largestImportFile } from "@/scripts/largest-import";
import { Browser } from "@/tests/support/auth-client";
import { failInsertWhen } from "@/tests/support/db-faults";
import { addProgress } from "@/tests/support/progress-fixtures";

afterAll(() => prisma.$disconnect());

const PASSWORD = "bulk-import-9x";

async function account(name: string) {
  const browser = new Browser();
  expect(
    (await browser.signUp({ email: `${name}@example.com`, username: name, name, password: PASSWORD })).status,
  ).toBe(200);
  const { id } = await prisma.user.findUniqueOrThrow({ where: { username: name } });
  return { browser, id };
}

const importFile = (b: Browser, body: string) =>
  importRoute(
    new Request("http://localhost/api/progress/import", {
      method: "POST",
      headers: b.headers({ "content-type": "application/json" }),
      body,
    }),
  );

/** The user's own export made into the largest file allowed (scripts/largest-import.ts); the user's attempts then removed. */
async function largestFile(b: Browser, id: string) {
  await addProgress(id);
  const file = await (
    await exportRoute(new Request("http://localhost/api/progress/export", { headers: b.headers() }))
  ).json();
  const largest = largestImportFile(file);
  expect(largest.attempts).toBeGreaterThan(20_000);
  await prisma.attempt.deleteMany({ where: { userId: id } });
  return largest;
}

async function progressOf(userId: string) {
  const [attempts, cards, reviews, quizzes, user] = await Promise.all([
    prisma.attempt.count({ where: { userId } }),
    prisma.card.count({ where: { userId } }),
    prisma.reviewLog.count({ where: { userId } }),
    prisma.quizSession.count({ where: { userId } }),
    prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { timeZone: true, newCardsPerDay: true } }),
  ]);
  return { attempts, cards, reviews, quizzes, settings: user };
}

describe("the largest import allowed", () => {
  it("is stored whole in bulk, and the same file again adds nothing", async () => {
    const importer = await account("bulkimporter");
    const { text, attempts } = await largestFile(importer.browser, importer.id);

    const res = await importFile(importer.browser, text);

    expect(res.status).toBe(200);
    expect((await res.json()).created).toEqual({ quizSessions: 0, attempts, cards: 0, reviews: 0, drillAttempts: 0 });
    expect(await prisma.attempt.count({ where: { userId: importer.id } })).toBe(attempts);

    // idempotent in bulk too: the same file again adds nothing
    const again = await importFile(importer.browser, text);
    expect(again.status).toBe(200);
    expect((await again.json()).created).toEqual({
      quizSessions: 0,
      attempts: 0,
      cards: 0,
      reviews: 0,
      drillAttempts: 0,
    });
    expect(await prisma.attempt.count({ where: { userId: importer.id } })).toBe(attempts);
  }, 180_000);

  it("keeps the database answering another learner within a second while it runs", async () => {
    const importer = await account("busyimporter");
    const { text, attempts } = await largestFile(importer.browser, importer.id);
    const neighbour = await account("quietneighbour");
    let importing = true;
    const waits: number[] = [];
    // Another learner reads a question every 20 ms; each wait counts from when the read was due,
    // so an import that starves the process (not only the database) shows too.
    const reads = (async () => {
      while (importing) {
        const due = performance.now() + 20;
        await new Promise((r) => setTimeout(r, 20));
        await prisma.question.findFirst({ where: { published: true }, select: { id: true } });
        waits.push(performance.now() - due);
      }
    })();
    const res = await importFile(importer.browser, text);
    importing = false;
    await reads;

    expect(res.status).toBe(200);
    expect((await res.json()).created.attempts).toBe(attempts);
    expect(waits.length).toBeGreaterThan(3); // the reads ran during the import, not only after it
    expect(Math.max(...waits)).toBeLessThan(1000);
    expect(await prisma.attempt.count({ where: { userId: neighbour.id } })).toBe(0);
  }, 180_000);

  it("rolls back whole when the database refuses its very last row: nothing written, settings unchanged", async () => {
    const importer = await account("failingimporter");
    const { text } = await largestFile(importer.browser, importer.id);
    const before = await progressOf(importer.id);
    const file = JSON.parse(text);
    // ids of its own (the other tests' users hold the bulk- ones, which would be stored under derived keys)
    file.attempts.forEach((a: { id: string }, i: number) => {
      a.id = `fail-${i}`;
    });
    file.settings = { ...file.settings, timeZone: "Asia/Shanghai", newCardsPerDay: 7 };
    const removeTrigger = await failInsertWhen(prisma, "Attempt", "id", file.attempts.at(-1).id);
    try {
      const res = await importFile(importer.browser, JSON.stringify(file));
      expect(res.status).toBe(500);
      expect((await res.json()).error).toMatch(/nothing was changed/);
    } finally {
      await removeTrigger();
    }
    expect(await progressOf(importer.id)).toEqual(before);
  }, 180_000);
});

describe("imports per account", () => {
  it(`are refused with 429 and Retry-After after ${IMPORT_LIMIT.max} an hour, for that account only`, async () => {
    const greedy = await account("greedyimporter");
    const patient = await account("patientimporter");
    const statuses: number[] = [];
    for (let i = 0; i < IMPORT_LIMIT.max; i++) statuses.push((await importFile(greedy.browser, "{not json")).status);
    expect(new Set(statuses)).toEqual(new Set([400]));
    const refused = await importFile(greedy.browser, "{not json");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(60);
    expect((await refused.json()).error).toMatch(/imports in the last hour; try again in \d+ minutes/);
    // a new browser of the same account counts the same; another account does not
    const sameAccount = new Browser();
    sameAccount.cookies = new Map(greedy.browser.cookies);
    expect((await importFile(sameAccount, "{not json")).status).toBe(429);
    expect((await importFile(patient.browser, "{not json")).status).toBe(400);
  });
});

describe("a shared limit", () => {
  it("admits exactly max of many simultaneous requests, and a new window starts afresh", async () => {
    const limit = { max: 7, windowMs: 60_000 };
    const now = Date.now();
    const verdicts = await Promise.all(
      Array.from({ length: 40 }, () => takeSharedLimit("test:simultaneous", limit, now)),
    );
    expect(verdicts.filter((v) => v.ok)).toHaveLength(limit.max);
    const refused = verdicts.find((v) => !v.ok);
    expect(refused).toEqual({ ok: false, retryAfterS: 60 });
    expect((await takeSharedLimit("test:simultaneous", limit, now + limit.windowMs)).ok).toBe(true);
    expect((await takeSharedLimit("test:other-key", limit, now)).ok).toBe(true);
  });
});
