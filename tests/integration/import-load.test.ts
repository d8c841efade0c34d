/**
 * Imports bounded: the largest file allowed goes in whole as bulk writes (a few statements per 500
 * rows), and an account can start only so many imports an hour — counted in the database, so
 * every app server sees the same count.
 */
import { afterAll, describe, expect, it } from "vitest";
import { GET as exportRoute } from "@/app/api/progress/export/route";
import { POST as importRoute } from "@/app/api/progress/import/route";
import { prisma } from "@/lib/db/client.server";
import { takeSharedLimit } from "@/lib/db/limits.server";
import { IMPORT_LIMIT, IMPORT_MAX_BYTES } from "@/lib/progress/export-format";
import { Browser } from "@/tests/support/auth-client";
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

/** The user's own export, its attempts repeated (fresh ids) until the file is just under the upload limit. */
async function largestFile(b: Browser, id: string): Promise<{ text: string; attempts: number }> {
  await addProgress(id);
  const file = await (
    await exportRoute(new Request("http://localhost/api/progress/export", { headers: b.headers() }))
  ).json();
  const template = {
    ...file.attempts.find((a: { quizSession: unknown }) => a.quizSession === null),
    quizSession: null,
  };
  const one = JSON.stringify({ ...template, id: "x".repeat(24) }).length + 1;
  const room = IMPORT_MAX_BYTES - JSON.stringify(file).length - 1024;
  const n = Math.floor(room / one);
  file.attempts = Array.from({ length: n }, (_, i) => ({ ...template, id: `bulk-${String(i).padStart(19, "0")}` }));
  const text = JSON.stringify(file);
  expect(text.length).toBeLessThanOrEqual(IMPORT_MAX_BYTES);
  expect(text.length).toBeGreaterThan(IMPORT_MAX_BYTES * 0.95);
  return { text, attempts: n };
}

describe("the largest import allowed", () => {
  it("is stored whole in bulk, and the same file again adds nothing", async () => {
    const importer = await account("bulkimporter");
    const { text, attempts } = await largestFile(importer.browser, importer.id);
    expect(attempts).toBeGreaterThan(20_000);
    await prisma.attempt.deleteMany({ where: { userId: importer.id } });

    const res = await importFile(importer.browser, text);

    expect(res.status).toBe(200);
    expect((await res.json()).created.attempts).toBe(attempts);
    expect(await prisma.attempt.count({ where: { userId: importer.id } })).toBe(attempts);

    // idempotent in bulk too: the same file again adds nothing
    const again = await importFile(importer.browser, text);
    expect(again.status).toBe(200);
    expect((await again.json()).created).toEqual({ quizSessions: 0, attempts: 0, cards: 0, reviews: 0 });
    expect(await prisma.attempt.count({ where: { userId: importer.id } })).toBe(attempts);
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
