/**
 * Every stored value is validated with the schema its reader uses, and readers degrade on a bad
 * row instead of failing (issue 9, "Imports store what the app's own readers then choke on"):
 * the import refuses what no reader could read, and a row that got in some other way (an old
 * version, a hand edit) makes the page show less, never a 500.
 */
import { afterAll, describe, expect, it } from "vitest";
import { GET as exportRoute } from "@/app/api/progress/export/route";
import { POST as importRoute } from "@/app/api/progress/import/route";
import { listAttempts } from "@/lib/db/attempts.server";
import { undoLastReview } from "@/lib/db/cards.server";
import { prisma } from "@/lib/db/client.server";
import { loadDashboard } from "@/lib/db/dashboard.server";
import { getQuizRun } from "@/lib/db/quiz.server";
import { getStudySettings } from "@/lib/db/users.server";
import { Browser } from "@/tests/support/auth-client";
import { addProgress } from "@/tests/support/progress-fixtures";

afterAll(() => prisma.$disconnect());

const PASSWORD = "stored-values-7x";

/** An exported file as plain JSON, to spoil one field at a time. */
// biome-ignore lint/suspicious/noExplicitAny: the point is to write what the schema forbids
type ExportFile = Record<string, any>;

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
const exported = async (b: Browser) =>
  (await exportRoute(new Request("http://localhost/api/progress/export", { headers: b.headers() }))).json();

describe("the import checks every stored value with its reader's schema", () => {
  it.each([
    [
      "a review's previousCard that undo could not read",
      (f: ExportFile) => (f.cards[0].reviews[1].previousCard = { x: 1 }),
      /cards\.0\.reviews\.1\.previousCard/,
    ],
    [
      "a quiz whose questions are an object",
      (f: ExportFile) => (f.quizSessions[0].questions = { a: 1 }),
      /quizSessions\.0\.questions/,
    ],
    [
      "a quiz with settings the quiz never stores",
      (f: ExportFile) => (f.quizSessions[0].settings = { length: 2 }),
      /quizSessions\.0\.settings/,
    ],
    [
      "a choice attempt whose response has the wrong shape",
      (f: ExportFile) => (f.attempts[0].response = { selected: "a" }),
      /attempts\.0\.response.*"choice" attempt/,
    ],
    [
      "a reveal that carries a response",
      (f: ExportFile) => (f.attempts[2].response = { answer: 3 }),
      /attempts\.2\.response/,
    ],
    [
      "a time zone the runtime does not know",
      (f: ExportFile) => (f.settings.timeZone = "Mars/Base"),
      /settings\.timeZone/,
    ],
  ])("refuses %s, with its path, and changes nothing", async (_name, spoil, message) => {
    const { browser, id } = await account(`spoil${Math.floor(Math.random() * 1e9)}`);
    await addProgress(id);
    const file = await exported(browser);
    const before = await prisma.attempt.count({ where: { userId: id } });
    spoil(file);
    const res = await importFile(browser, JSON.stringify(file));
    expect(res.status).toBe(422);
    expect((await res.json()).error).toMatch(message);
    expect(await prisma.attempt.count({ where: { userId: id } })).toBe(before);
  });

  it("refuses JSON nested 1,000 and 100,000 deep before parsing it (no recursion anywhere)", async () => {
    const { browser } = await account("deepfile");
    const file = await exported(browser);
    for (const depth of [1000, 100_000]) {
      const spoiled = JSON.stringify({ ...file, attempts: [] }).replace(
        '"attempts":[]',
        `"attempts":[{"id":"x","question":"q","quizSession":null,"kind":"reveal","response":${"[".repeat(depth)}${"]".repeat(depth)},"expected":null,"correct":null,"score":null,"createdAt":"2026-11-20T10:00:00.000Z"}]`,
      );
      const res = await importFile(browser, spoiled);
      expect(res.status).toBe(422);
      expect((await res.json()).error).toMatch(/nests deeper than 16 levels/);
    }
  });

  it("refuses a guest: importing needs an account", async () => {
    const guest = new Browser();
    await guest.becomeGuest();
    const file = await exported(guest);
    const res = await importFile(guest, JSON.stringify(file));
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatch(/needs an account/);
  });

  it("refuses a file posted from another site", async () => {
    const { browser } = await account("crosssite");
    const res = await importRoute(
      new Request("http://localhost/api/progress/import", {
        method: "POST",
        headers: browser.headers({ "content-type": "application/json", origin: "https://evil.example" }),
        body: JSON.stringify(await exported(browser)),
      }),
    );
    expect(res.status).toBe(403);
  });
});

describe("readers degrade on a bad stored row", () => {
  it("undo refuses a review whose stored card it cannot read, and keeps the card", async () => {
    const user = await prisma.user.create({ data: {} });
    const { cardId } = await addProgress(user.id);
    const newest = await prisma.reviewLog.findFirstOrThrow({ where: { cardId }, orderBy: { review: "desc" } });
    await prisma.reviewLog.update({ where: { id: newest.id }, data: { previousCard: { x: 1 } } });
    expect(await undoLastReview(user.id)).toEqual({ ok: false, error: "unreadable" });
    expect(await prisma.card.findUnique({ where: { id: cardId } })).not.toBeNull();
    expect(await prisma.reviewLog.count({ where: { cardId } })).toBe(2);
  });

  it("the question page's attempts keep the row and drop a payload of the wrong shape", async () => {
    const user = await prisma.user.create({ data: {} });
    const question = await prisma.question.findFirstOrThrow({ where: { type: "choice" } });
    await prisma.attempt.create({
      data: { userId: user.id, questionId: question.id, kind: "choice", response: { selected: 5 }, correct: true },
    });
    await prisma.attempt.create({ data: { userId: user.id, questionId: question.id, kind: "dance" } });
    const attempts = await listAttempts(user.id, question.id);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ kind: "choice", response: null, correct: true });
  });

  it("a quiz whose stored question list is unreadable reads as no quiz", async () => {
    const user = await prisma.user.create({ data: {} });
    const quiz = await prisma.quizSession.create({
      data: { userId: user.id, settings: {}, questionIds: { not: "a list" } },
    });
    expect(await getQuizRun(user.id, quiz.id)).toBeNull();
  });

  it("a stored time zone the runtime does not know counts as UTC", async () => {
    const user = await prisma.user.create({ data: { timeZone: "Mars/Base" } });
    expect((await getStudySettings(user.id)).timeZone).toBe("UTC");
    await expect(loadDashboard(user.id)).resolves.toMatchObject({ timeZone: "UTC" });
  });
});
