/**
 * Drill answers end to end below the page: the API route and the server action grade with the
 * engine through the app's simulation service, store one attempt per learner and problem in a
 * real database, and refuse tampered input with a 4xx and a sentence (message keys here).
 */
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

// The route and the action run outside Next here: cookies()/headers() and translations are stood in for.
const jar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
    set: (name: string, value: string) => jar.set(name, value),
  }),
  headers: async () => new Headers({ cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") }),
}));
vi.mock("next-intl/server", () => ({
  getTranslations: async () => (key: string, values?: Record<string, unknown>) =>
    values ? `t:${key}:${JSON.stringify(values)}` : `t:${key}`,
}));

const { POST } = await import("@/app/api/drills/answer/route");
const { answerDrill } = await import("@/app/drills/[family]/[seed]/actions");
const { prisma } = await import("@/lib/db/client.server");
const { listDrillAttempts } = await import("@/lib/db/drills.server");
const { moveGuestProgress } = await import("@/lib/db/users.server");
const { wipeProgress } = await import("@/lib/db/progress.server");
const { problemFor } = await import("@/lib/drill-service/answer.server");
const { DrillExpectedSchema, DrillResponseSchema } = await import("@/lib/drills/attempt");
const { hashSessionToken, SESSION_COOKIE } = await import("@/lib/accounts/session-token");
const { createGuestSession } = await import("@/tests/support/guest-session");

afterAll(() => prisma.$disconnect());
beforeEach(() => jar.clear());

async function signedInGuest(): Promise<string> {
  const { id, token } = await createGuestSession(prisma);
  jar.set(SESSION_COOKIE, token);
  return id;
}

const post = (body: unknown, headers: Record<string, string> = {}) =>
  POST(
    new Request("http://localhost:3318/api/drills/answer", {
      method: "POST",
      body: typeof body === "string" ? body : JSON.stringify(body),
      headers: { "content-type": "application/json", host: "localhost:3318", ...headers },
    }),
  );

async function expectRefusal(res: Response, status: number, key: string) {
  expect(res.status).toBe(status);
  expect((await res.json()).error).toMatch(new RegExp(`^t:${key}`));
}

describe("POST /api/drills/answer", () => {
  it("grades with the engine, stores one attempt, and a resubmission stores nothing new", async () => {
    const userId = await signedInGuest();
    const problem = await problemFor("verdict-mlp", 4242);
    if (!problem) throw new Error("no problem for verdict-mlp/4242");
    const wrong = ["vanishing", "healthy", "exploding"].find((v) => v !== problem.expected);
    const first = await post({ family: "verdict-mlp", seed: 4242, answer: problem.expected });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ correct: true, expected: problem.expected, created: true, margin: 1 });
    const again = await post({ family: "verdict-mlp", seed: 4242, answer: wrong }, { origin: "http://localhost:3318" });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ correct: true, answer: problem.expected, created: false });
    const rows = await prisma.drillAttempt.findMany({ where: { userId } });
    expect(rows).toHaveLength(1);
    // what is stored parses with the schemas its readers use
    expect(DrillResponseSchema.parse(rows[0]?.response)).toEqual({ answer: problem.expected });
    expect(DrillExpectedSchema.parse(rows[0]?.expected).answer).toBe(problem.expected);
    expect(await listDrillAttempts(userId)).toHaveLength(1);
  });

  it("grades an estimate within ±1 decade and records the error in decades", async () => {
    const userId = await signedInGuest();
    const problem = await problemFor("estimate-ratio", 99);
    if (typeof problem?.expected !== "number") throw new Error("no estimate problem");
    const res = await post({ family: "estimate-ratio", seed: "99", answer: String(problem.expected + 1.5) });
    expect(await res.json()).toMatchObject({ correct: false });
    const [row] = await prisma.drillAttempt.findMany({ where: { userId } });
    expect(row?.errorDecades).toBeCloseTo(1.5, 9);
  });

  it("refuses tampered input with a 4xx and a sentence, and stores nothing", async () => {
    const userId = await signedInGuest();
    await expectRefusal(await post({ family: "nope", seed: 1, answer: "yes" }), 404, "error_family");
    for (const seed of [-1, 2 ** 31, 1.5, "1e3", " 7", null, "99999999999"])
      await expectRefusal(await post({ family: "lr-divergence", seed, answer: "yes" }), 400, "error_seed");
    for (const answer of ["maybe", 3, null, { a: 1 }, "x".repeat(41)])
      await expectRefusal(await post({ family: "lr-divergence", seed: 5, answer }), 400, "error_choice");
    for (const answer of ["NaN", "1e999", 1e6, "", "abc", true])
      await expectRefusal(await post({ family: "estimate-ratio", seed: 5, answer }), 400, "error_estimate");
    await expectRefusal(await post("{not json"), 400, "error_body");
    await expectRefusal(await post("x".repeat(5000)), 413, "error_body");
    await expectRefusal(
      await post({ family: "lr-divergence", seed: 5, answer: "yes" }, { "content-type": "text/plain" }),
      415,
      "error_body",
    );
    await expectRefusal(
      await post({ family: "lr-divergence", seed: 5, answer: "yes" }, { origin: "https://evil.example" }),
      403,
      "error_origin",
    );
    await expectRefusal(
      await post({ family: "lr-divergence", seed: 5, answer: "yes" }, { origin: "null" }),
      403,
      "error_origin",
    );
    expect(await prisma.drillAttempt.count({ where: { userId } })).toBe(0);
  });

  it("answers concurrent submissions of one problem with one stored attempt", async () => {
    const userId = await signedInGuest();
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => post({ family: "verdict-rnn", seed: 31337, answer: "healthy" })),
    );
    expect(responses.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(await prisma.drillAttempt.count({ where: { userId } })).toBe(1);
  });
});

describe("the answerDrill action", () => {
  const form = (fields: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    return f;
  };

  it("answers bad input with a message and a good one with a redirect to the result", async () => {
    await signedInGuest();
    expect(await answerDrill({ ok: true }, form({ family: "fp16-underflow", seed: "12", answer: "perhaps" }))).toEqual({
      ok: false,
      message: "t:error_choice",
    });
    await expect(
      answerDrill({ ok: true }, form({ family: "fp16-underflow", seed: "12", answer: "yes", mixed: "1" })),
    ).rejects.toMatchObject({ digest: expect.stringContaining("/drills/fp16-underflow/12?mixed=1") });
  });

  it("creates a guest for a first-time learner, whose attempts move with them to an account and are wiped with their progress", async () => {
    await expect(
      answerDrill({ ok: true }, form({ family: "verdict-lstm", seed: "8", answer: "healthy" })),
    ).rejects.toThrow();
    const token = jar.get(SESSION_COOKIE);
    expect(token).toBeTruthy();
    const guest = await prisma.session.findFirstOrThrow({ where: { token: hashSessionToken(token ?? "") } });
    expect(await prisma.drillAttempt.count({ where: { userId: guest.userId } })).toBe(1);
    const account = await prisma.user.create({ data: { isAnonymous: false, email: `d${Date.now()}@example.test` } });
    await moveGuestProgress(guest.userId, account.id);
    expect(await prisma.drillAttempt.count({ where: { userId: account.id } })).toBe(1);
    await wipeProgress(account.id);
    expect(await prisma.drillAttempt.count({ where: { userId: account.id } })).toBe(0);
  });

  it("keeps the account's answer when guest and account answered the same drill, and moves the rest", async () => {
    const guest = await prisma.user.create({ data: { isAnonymous: true } });
    const account = await prisma.user.create({ data: { isAnonymous: false, email: `e${Date.now()}@example.test` } });
    const row = (userId: string, seed: number, correct: boolean) => ({
      userId,
      family: "verdict-mlp",
      seed,
      response: { answer: "healthy" },
      expected: { answer: "healthy", measured: 0, clearance: 1 },
      correct,
      margin: 1,
      engineVersion: "test",
    });
    await prisma.drillAttempt.createMany({
      data: [row(account.id, 5, true), row(guest.id, 5, false), row(guest.id, 6, false)],
    });
    await moveGuestProgress(guest.id, account.id);
    const rows = await prisma.drillAttempt.findMany({ where: { userId: account.id }, orderBy: { seed: "asc" } });
    expect(rows.map((r) => [r.seed, r.correct])).toEqual([
      [5, true],
      [6, false],
    ]);
  });
});
