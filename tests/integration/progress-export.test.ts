import { afterAll, describe, expect, it } from "vitest";
import { GET as exportRoute } from "@/app/api/progress/export/route";
import { POST as importRoute } from "@/app/api/progress/import/route";
import { prisma } from "@/lib/db/client.server";
import { wipeProgress } from "@/lib/db/progress.server";
import { Browser } from "@/tests/support/auth-client";
import { failInsertWhen } from "@/tests/support/db-faults";
import { addProgress } from "@/tests/support/progress-fixtures";

afterAll(() => prisma.$disconnect());

const PASSWORD = "exploding-grads-9";

async function signedUp(name: string): Promise<{ browser: Browser; id: string }> {
  const browser = new Browser();
  const res = await browser.signUp({
    email: `${name}@example.com`,
    username: name,
    name,
    password: PASSWORD,
  });
  expect(res.status).toBe(200);
  const user = await prisma.user.findUniqueOrThrow({ where: { username: name } });
  return { browser, id: user.id };
}

const doExport = (b: Browser, query = "") =>
  exportRoute(new Request(`http://localhost/api/progress/export${query}`, { headers: b.headers() }));
const doImport = (b: Browser, body: string, type = "application/json", query = "") =>
  importRoute(
    new Request(`http://localhost/api/progress/import${query}`, {
      method: "POST",
      headers: b.headers({ "content-type": type }),
      body,
    }),
  );
const withoutTimestamp = (text: string) => text.replace(/"exportedAt": "[^"]+"/, '"exportedAt": "…"');

async function counts(userId: string) {
  return {
    attempts: await prisma.attempt.count({ where: { userId } }),
    cards: await prisma.card.count({ where: { userId } }),
    reviews: await prisma.reviewLog.count({ where: { userId } }),
    quizzes: await prisma.quizSession.count({ where: { userId } }),
  };
}

describe("progress export and import", () => {
  it("exports a documented, slug-referenced file", async () => {
    const { browser, id } = await signedUp("exporter");
    const { slugs } = await addProgress(id);
    const res = await doExport(browser);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(
      /attachment; filename="gradlab-progress-\d{4}-\d{2}-\d{2}\.json"/,
    );
    const body = await res.json();
    expect(body).toMatchObject({ format: "gradlab-progress", version: 2, settings: { locale: "en", timeZone: "UTC" } });
    expect(body.attempts.map((a: { question: string }) => a.question)).toEqual(slugs);
    expect(body.cards).toHaveLength(1);
    expect(body.cards[0].question).toBe(slugs[0]);
    expect(body.cards[0].reviews).toHaveLength(2);
    expect(JSON.stringify(body)).not.toContain(id);
  });

  it("round-trips exactly: export → wipe → import → export is identical apart from exportedAt", async () => {
    const { browser, id } = await signedUp("roundtrip");
    await addProgress(id);
    await prisma.user.update({
      where: { id },
      data: { timeZone: "Asia/Shanghai", desiredRetention: 0.85, locale: "zh" },
    });
    const first = await (await doExport(browser)).text();
    await wipeProgress(id);
    await prisma.user.update({ where: { id }, data: { timeZone: "UTC", desiredRetention: 0.9, locale: "en" } });
    expect(await counts(id)).toEqual({ attempts: 0, cards: 0, reviews: 0, quizzes: 0 });
    const imported = await doImport(browser, first);
    expect(imported.status).toBe(200);
    expect((await imported.json()).created).toEqual({
      quizSessions: 1,
      attempts: 3,
      cards: 1,
      reviews: 2,
      drillAttempts: 0,
    });
    const second = await (await doExport(browser)).text();
    expect(withoutTimestamp(second)).toBe(withoutTimestamp(first));
    expect(second).not.toBe(withoutTimestamp(second));
  });

  it("is idempotent: the same file twice adds nothing the second time", async () => {
    const { browser, id } = await signedUp("twice");
    await addProgress(id);
    const file = await (await doExport(browser)).text();
    const before = await counts(id);
    const again = await doImport(browser, file);
    expect(again.status).toBe(200);
    expect((await again.json()).created).toEqual({
      quizSessions: 0,
      attempts: 0,
      cards: 0,
      reviews: 0,
      drillAttempts: 0,
    });
    expect(await counts(id)).toEqual(before);
    // as a multipart upload too
    const form = new FormData();
    form.set("file", new Blob([file], { type: "application/json" }), "progress.json");
    const multipart = await importRoute(
      new Request("http://localhost/api/progress/import", { method: "POST", headers: browser.headers(), body: form }),
    );
    expect(multipart.status).toBe(200);
    expect(await counts(id)).toEqual(before);
  });

  it("refuses malformed files with a message saying what is wrong, and changes nothing", async () => {
    const { browser, id } = await signedUp("careful");
    await addProgress(id);
    const good = JSON.parse(await (await doExport(browser)).text());
    const before = await counts(id);
    const cases: [string, number, RegExp][] = [
      ["{not json", 400, /not valid JSON/],
      [JSON.stringify({ ...good, version: 3 }), 422, /version: version must be 1 or 2/],
      [JSON.stringify({ ...good, attempts: [{ ...good.attempts[0], kind: "guess" }] }), 422, /attempts\.0\.kind/],
      [
        JSON.stringify({ ...good, cards: [{ ...good.cards[0], due: "tomorrow" }] }),
        422,
        /cards\.0\.due: must be an ISO 8601/,
      ],
      [
        JSON.stringify({
          ...good,
          attempts: [...good.attempts, { ...good.attempts[0], id: "new-attempt", question: "no-such-question" }],
          cards: [{ ...good.cards[0], question: "also-missing" }],
        }),
        422,
        /Unknown question slugs: also-missing, no-such-question/,
      ],
    ];
    for (const [body, status, message] of cases) {
      const res = await doImport(browser, body);
      expect(res.status).toBe(status);
      expect((await res.json()).error).toMatch(message);
    }
    expect((await doImport(browser, "x", "text/plain")).status).toBe(415);
    const huge = await importRoute(
      new Request("http://localhost/api/progress/import", {
        method: "POST",
        headers: browser.headers({ "content-type": "application/json", "content-length": String(50 * 1024 * 1024) }),
        body: "{}",
      }),
    );
    expect(huge.status).toBe(413);
    expect(await counts(id)).toEqual(before);
  });

  it("collapses duplicate review ids inside one file onto one row", async () => {
    const { browser, id } = await signedUp("dupes");
    await addProgress(id);
    const file = JSON.parse(await (await doExport(browser)).text());
    await wipeProgress(id);
    const card = file.cards[0];
    card.reviews = [card.reviews[0], { ...card.reviews[0], review: "2026-11-21T00:00:00.000Z" }];
    const res = await doImport(browser, JSON.stringify(file));
    expect(res.status).toBe(200);
    expect(await prisma.reviewLog.count({ where: { userId: id } })).toBe(1);
  });

  it("rolls back completely when the database fails halfway through", async () => {
    const { browser, id } = await signedUp("atomic");
    await addProgress(id);
    const file = JSON.parse(await (await doExport(browser)).text());
    await wipeProgress(id);
    const last = file.cards[0].reviews.at(-1);
    const removeTrigger = await failInsertWhen(prisma, "ReviewLog", "requestId", last.requestId);
    try {
      const res = await doImport(browser, JSON.stringify(file));
      expect(res.status).toBe(500);
      expect((await res.json()).error).toMatch(/nothing was changed/);
      expect(await counts(id)).toEqual({ attempts: 0, cards: 0, reviews: 0, quizzes: 0 });
    } finally {
      await removeTrigger();
    }
  });
});

describe("isolation between users", () => {
  it("a second user sees none of the first user's progress and cannot name them", async () => {
    const alice = await signedUp("alice");
    await addProgress(alice.id);
    const bob = await signedUp("bob_b");
    const bobExport = await (await doExport(bob.browser)).json();
    expect(bobExport.attempts).toEqual([]);
    expect(bobExport.cards).toEqual([]);
    const forbidden = await doExport(bob.browser, `?userId=${alice.id}`);
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error).toMatch(/only access your own/);
    const forbiddenImport = await doImport(bob.browser, "{}", "application/json", `?userId=${alice.id}`);
    expect(forbiddenImport.status).toBe(403);
    const anonymous = new Browser();
    expect((await doExport(anonymous)).status).toBe(401);
  });

  it("importing someone else's file copies it and never touches their rows", async () => {
    const carol = await signedUp("carol");
    await addProgress(carol.id);
    const carolFile = await (await doExport(carol.browser)).text();
    const carolBefore = await (await doExport(carol.browser)).text();
    const dave = await signedUp("dave_d");
    const res = await doImport(dave.browser, carolFile);
    expect(res.status).toBe(200);
    expect(await counts(dave.id)).toEqual({ attempts: 3, cards: 1, reviews: 2, quizzes: 1 });
    expect(await counts(carol.id)).toEqual({ attempts: 3, cards: 1, reviews: 2, quizzes: 1 });
    expect(withoutTimestamp(await (await doExport(carol.browser)).text())).toBe(withoutTimestamp(carolBefore));
    // and again: still no duplicates for dave
    await doImport(dave.browser, carolFile);
    expect(await counts(dave.id)).toEqual({ attempts: 3, cards: 1, reviews: 2, quizzes: 1 });
  });
});
