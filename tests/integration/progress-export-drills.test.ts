/**
 * Drill attempts and the fitted FSRS parameters in the progress export (format version 2): a
 * round trip, idempotent re-import, version 1 files still importing, and malformed drill rows
 * refused. Runs on SQLite and, inside `npm run test:postgres`, on PostgreSQL.
 */
import { afterAll, describe, expect, it } from "vitest";
import { GET as exportRoute } from "@/app/api/progress/export/route";
import { POST as importRoute } from "@/app/api/progress/import/route";
import { prisma } from "@/lib/db/client.server";
import { jsonNulls } from "@/lib/db/prisma";
import { wipeProgress } from "@/lib/db/progress.server";
import { expectedRecord } from "@/lib/drills/attempt";
import { DEFAULT_PARAMETERS } from "@/lib/flashcards/fsrs";
import type { FsrsFit } from "@/lib/flashcards/fsrs-fit";
import { Browser } from "@/tests/support/auth-client";
import { addProgress } from "@/tests/support/progress-fixtures";

afterAll(() => prisma.$disconnect());

async function signedUp(name: string): Promise<{ browser: Browser; id: string }> {
  const browser = new Browser();
  const res = await browser.signUp({
    email: `${name}@example.com`,
    username: name,
    name,
    password: "exploding-grads-9",
  });
  expect(res.status).toBe(200);
  return { browser, id: (await prisma.user.findUniqueOrThrow({ where: { username: name } })).id };
}

const doExport = (b: Browser) =>
  exportRoute(new Request("http://localhost/api/progress/export", { headers: b.headers() }));
const doImport = (b: Browser, body: string) =>
  importRoute(
    new Request("http://localhost/api/progress/import", {
      method: "POST",
      headers: b.headers({ "content-type": "application/json" }),
      body,
    }),
  );
const withoutTimestamp = (text: string) => text.replace(/"exportedAt": "[^"]+"/, '"exportedAt": "…"');

/** A fit as lib/optimizer stores it (ADR 28), with parameters that differ from the defaults. */
const FIT: FsrsFit = {
  status: "fitted",
  at: "2026-11-28T09:00:00.000Z",
  logs: 240,
  reviews: 130,
  parameters: DEFAULT_PARAMETERS.map((w, i) => (i === 0 ? w * 1.5 : w)),
  fitted: { predicted: 0.91, actual: 0.92, logLoss: 0.27 },
  defaults: { predicted: 0.88, actual: 0.92, logLoss: 0.31 },
};

/** Drill attempts as the grader writes them: an estimate missed, a verdict right, the same family again later. */
async function addDrills(userId: string) {
  const base = new Date("2026-11-21T08:00:00Z").getTime();
  const row = (family: string, seed: number, answer: string | number, expected: string | number, minutes: number) => ({
    userId,
    family,
    seed,
    response: { answer },
    expected: expectedRecord(expected, { log10GradRatio: -4.25, nonFinite: false, rho: null }, 1.75),
    // estimates right within ±1 decade (the margin), choices when they match
    correct: typeof answer === "number" ? Math.abs(answer - (expected as number)) <= 1 : answer === expected,
    errorDecades: typeof answer === "number" ? Math.abs(answer - (expected as number)) : null,
    margin: 1,
    engineVersion: "test-engine",
    createdAt: new Date(base + minutes * 60_000),
  });
  await prisma.drillAttempt.createMany({
    data: [
      row("estimate-ratio", 12, -1, -4.25, 0),
      row("verdict-mlp", 2_147_483_647, "vanishing", "vanishing", 1),
      row("estimate-ratio", 0, -4, -4.25, 30),
    ],
  });
  await prisma.user.update({ where: { id: userId }, data: { fsrsFit: FIT } });
}

const drillCount = (userId: string) => prisma.drillAttempt.count({ where: { userId } });
const fitOf = async (userId: string) =>
  (await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { fsrsFit: true } })).fsrsFit;

describe("drills and the FSRS fit in the progress export", () => {
  it("exports them and round-trips exactly: export → wipe → import → export", async () => {
    const { browser, id } = await signedUp("drill_trip");
    await addProgress(id);
    await addDrills(id);
    const first = await (await doExport(browser)).text();
    const body = JSON.parse(first);
    expect(body.version).toBe(2);
    expect(body.fsrsFit).toEqual(FIT);
    expect(body.drillAttempts.map((d: { family: string; seed: number }) => `${d.family}/${d.seed}`)).toEqual([
      "estimate-ratio/12",
      "verdict-mlp/2147483647",
      "estimate-ratio/0",
    ]);
    expect(body.drillAttempts[0]).toEqual({
      family: "estimate-ratio",
      seed: 12,
      response: { answer: -1 },
      expected: { answer: -4.25, measured: { log10GradRatio: -4.25, nonFinite: false, rho: null }, clearance: 1.75 },
      correct: false,
      errorDecades: 3.25,
      margin: 1,
      engineVersion: "test-engine",
      createdAt: "2026-11-21T08:00:00.000Z",
    });
    expect(first).not.toContain(id);

    await wipeProgress(id);
    await prisma.user.update({ where: { id }, data: { fsrsFit: jsonNulls(prisma).DbNull } });
    expect(await drillCount(id)).toBe(0);
    const imported = await doImport(browser, first);
    expect(imported.status).toBe(200);
    expect((await imported.json()).created).toEqual({
      quizSessions: 1,
      attempts: 3,
      cards: 1,
      reviews: 2,
      drillAttempts: 3,
    });
    expect(await fitOf(id)).toEqual(FIT);
    expect(withoutTimestamp(await (await doExport(browser)).text())).toBe(withoutTimestamp(first));

    // idempotent: the same file again adds nothing
    const again = await doImport(browser, first);
    expect((await again.json()).created).toEqual({
      quizSessions: 0,
      attempts: 0,
      cards: 0,
      reviews: 0,
      drillAttempts: 0,
    });
    expect(await drillCount(id)).toBe(3);
  });

  it("exports every drill attempt, past the dashboard's 500, and imports them all back", async () => {
    const { browser, id } = await signedUp("drill_many");
    await prisma.drillAttempt.createMany({
      data: Array.from({ length: 640 }, (_, seed) => ({
        userId: id,
        family: "verdict-rnn",
        seed,
        response: { answer: "vanishing" },
        expected: { answer: "exploding", measured: {}, clearance: 1.5 },
        correct: false,
        errorDecades: null,
        margin: 1,
        engineVersion: "test-engine",
        createdAt: new Date(Date.parse("2026-11-22T00:00:00Z") + seed * 1000),
      })),
    });
    const file = await (await doExport(browser)).text();
    expect(JSON.parse(file).drillAttempts).toHaveLength(640);
    await wipeProgress(id);
    expect((await (await doImport(browser, file)).json()).created.drillAttempts).toBe(640);
    expect(withoutTimestamp(await (await doExport(browser)).text())).toBe(withoutTimestamp(file));
  });

  it("keeps the first answer to a problem: one already stored, or the first of duplicates in the file", async () => {
    const { browser, id } = await signedUp("drill_first");
    await addDrills(id);
    const file = JSON.parse(await (await doExport(browser)).text());
    const [missed] = file.drillAttempts;
    // the file says estimate-ratio/12 was answered right, twice, and adds a new problem twice
    const rightAfterAll = { ...missed, response: { answer: -4 }, correct: true, errorDecades: 0.25 };
    const fresh = { ...missed, seed: 99 };
    const res = await doImport(
      browser,
      JSON.stringify({ ...file, drillAttempts: [rightAfterAll, rightAfterAll, fresh, { ...fresh, correct: true }] }),
    );
    expect(res.status).toBe(200);
    expect((await res.json()).created.drillAttempts).toBe(1);
    const rows = await prisma.drillAttempt.findMany({
      where: { userId: id, family: "estimate-ratio" },
      orderBy: { seed: "asc" },
    });
    expect(rows.map((r) => [r.seed, r.correct])).toEqual([
      [0, true],
      [12, false],
      [99, false],
    ]);
  });

  it("imports someone else's drills as a copy, leaving theirs alone", async () => {
    const erin = await signedUp("drill_erin");
    await addDrills(erin.id);
    const file = await (await doExport(erin.browser)).text();
    const frank = await signedUp("drill_frank");
    expect((await doImport(frank.browser, file)).status).toBe(200);
    expect(await drillCount(frank.id)).toBe(3);
    expect(await drillCount(erin.id)).toBe(3);
    expect(await fitOf(frank.id)).toEqual(FIT);
  });

  it("still imports a version 1 file (no drills, no fit), and keeps the account's fit", async () => {
    const { browser, id } = await signedUp("drill_old");
    await addProgress(id);
    await addDrills(id);
    const { drillAttempts: _drills, fsrsFit: _fit, ...rest } = JSON.parse(await (await doExport(browser)).text());
    const v1 = { ...rest, version: 1 };
    await prisma.attempt.deleteMany({ where: { userId: id } });
    const res = await doImport(browser, JSON.stringify(v1));
    expect(res.status).toBe(200);
    expect((await res.json()).created).toMatchObject({ attempts: 3, drillAttempts: 0 });
    expect(await drillCount(id)).toBe(3);
    expect(await fitOf(id)).toEqual(FIT);
    // a version 2 file saying "no fit" resets it, as its settings replace the account's
    const v2 = JSON.parse(await (await doExport(browser)).text());
    expect((await doImport(browser, JSON.stringify({ ...v2, fsrsFit: null }))).status).toBe(200);
    expect(await fitOf(id)).toBeNull();
  });

  it("refuses drill rows and fits its readers could not read, naming the path, and changes nothing", async () => {
    const { browser, id } = await signedUp("drill_bad");
    await addDrills(id);
    const good = JSON.parse(await (await doExport(browser)).text());
    const [d] = good.drillAttempts;
    const cases: [unknown, RegExp][] = [
      [{ drillAttempts: [{ ...d, family: "guess-the-loss" }] }, /drillAttempts\.0\.family/],
      [{ drillAttempts: [{ ...d, seed: 2_147_483_648 }] }, /drillAttempts\.0\.seed/],
      [{ drillAttempts: [{ ...d, seed: -1 }] }, /drillAttempts\.0\.seed/],
      [{ drillAttempts: [{ ...d, response: { answer: { $gt: 1 } } }] }, /drillAttempts\.0\.response\.answer/],
      [{ drillAttempts: [{ ...d, response: { answer: -1, extra: true } }] }, /drillAttempts\.0\.response/],
      [{ drillAttempts: [{ ...d, expected: { answer: 1 } }] }, /drillAttempts\.0\.expected/],
      [{ drillAttempts: [{ ...d, correct: "yes" }] }, /drillAttempts\.0\.correct/],
      [{ drillAttempts: [{ ...d, createdAt: "yesterday" }] }, /drillAttempts\.0\.createdAt/],
      [{ fsrsFit: { ...FIT, parameters: [1, 2, 3] } }, /fsrsFit\.parameters/],
      [{ fsrsFit: { status: "fitted" } }, /fsrsFit/],
    ];
    for (const [change, message] of cases) {
      const res = await doImport(browser, JSON.stringify({ ...good, ...(change as object) }));
      expect(res.status, JSON.stringify(change)).toBe(422);
      expect((await res.json()).error).toMatch(message);
    }
    expect(await drillCount(id)).toBe(3);
    expect(await fitOf(id)).toEqual(FIT);
  });
});
