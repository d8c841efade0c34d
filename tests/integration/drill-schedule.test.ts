/**
 * Spaced repetition by drill family (ADR 33) on a real database: a miss graded by the engine and
 * stored makes its family due again after its one-minute step, and /drills/mixed then serves it
 * before the families never tried; the replay reads at most SCHEDULE_ATTEMPTS attempts.
 */
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

const jar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
    set: (name: string, value: string) => jar.set(name, value),
  }),
  headers: async () => new Headers({ cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") }),
}));
vi.mock("next-intl/server", () => ({ getTranslations: async () => (key: string) => `t:${key}` }));

const { POST } = await import("@/app/api/drills/answer/route");
const { GET: familyRoute } = await import("@/app/drills/[family]/route");
const { prisma } = await import("@/lib/db/client.server");
const { listScheduledAttempts } = await import("@/lib/db/drills.server");
const { problemFor } = await import("@/lib/drill-service/answer.server");
const { drillSchedules } = await import("@/lib/drill-service/schedule.server");
const { DRILL_FAMILIES } = await import("@/lib/drills/families");
const { SCHEDULE_ATTEMPTS } = await import("@/lib/drills/schedule");
const { SESSION_COOKIE } = await import("@/lib/accounts/session-token");
const { createGuestSession } = await import("@/tests/support/guest-session");

afterAll(() => prisma.$disconnect());
beforeEach(() => jar.clear());

async function signedInGuest(): Promise<string> {
  const { id, token } = await createGuestSession(prisma);
  jar.set(SESSION_COOKIE, token);
  return id;
}

/** The family /drills/mixed redirects to. */
async function mixedFamily(): Promise<string> {
  const res = await familyRoute(new Request("http://localhost/drills/mixed"), {
    params: Promise.resolve({ family: "mixed" }),
  });
  expect(res.status).toBe(303);
  const [, family] = /^\/drills\/([a-z0-9-]+)\/\d+\?mixed=1$/.exec(res.headers.get("location") ?? "") ?? [];
  return family ?? "";
}

const MINUTE = 60_000;

describe("drill families come back by FSRS", () => {
  it("a missed problem, graded and stored, brings its family back after a minute, before the new families", async () => {
    const userId = await signedInGuest();
    const problem = await problemFor("estimate-ratio", 321);
    if (typeof problem?.expected !== "number") throw new Error("no estimate problem");
    const res = await POST(
      new Request("http://localhost:3318/api/drills/answer", {
        method: "POST",
        body: JSON.stringify({ family: "estimate-ratio", seed: 321, answer: problem.expected + 5 }),
        headers: { "content-type": "application/json", host: "localhost:3318" },
      }),
    );
    expect(await res.json()).toMatchObject({ correct: false });
    const [row] = await prisma.drillAttempt.findMany({ where: { userId } });
    if (!row) throw new Error("no attempt stored");

    const soon = await drillSchedules(userId, new Date(row.createdAt.getTime() + 30_000));
    const missed = soon.find((s) => s.family === "estimate-ratio");
    expect(missed).toMatchObject({ isDue: false, lastMissed: true, due: new Date(row.createdAt.getTime() + MINUTE) });
    expect(missed?.card?.reps).toBe(1);
    expect(soon.filter((s) => s.card === null).map((s) => s.family)).toEqual(
      DRILL_FAMILIES.filter((f) => f !== "estimate-ratio"),
    );

    // within its minute, mixed serves a new family; afterwards, the missed one (the route reads the real clock)
    for (let i = 0; i < 5; i++) expect(await mixedFamily()).not.toBe("estimate-ratio");
    await prisma.drillAttempt.update({
      where: { id: row.id },
      data: { createdAt: new Date(Date.now() - 2 * MINUTE) },
    });
    for (let i = 0; i < 5; i++) expect(await mixedFamily()).toBe("estimate-ratio");
  });

  it("a learner with every family answered right recently gets the soonest due; none is due", async () => {
    const userId = await signedInGuest();
    const now = Date.now();
    await prisma.drillAttempt.createMany({
      data: DRILL_FAMILIES.map((family, i) => ({
        userId,
        family,
        seed: i,
        response: { answer: "yes" },
        expected: { answer: "yes", measured: {}, clearance: 2 },
        correct: true,
        errorDecades: null,
        margin: 1,
        engineVersion: "test",
        // the first family answered longest ago: due first
        createdAt: new Date(now - (DRILL_FAMILIES.length - i) * 1000),
      })),
    });
    const schedules = await drillSchedules(userId, new Date(now));
    expect(schedules.every((s) => s.card !== null && !s.isDue)).toBe(true);
    expect(await mixedFamily()).toBe(DRILL_FAMILIES[0]);
  });

  it("replays at most the newest SCHEDULE_ATTEMPTS attempts, and leaves out families it no longer has", async () => {
    const userId = await signedInGuest();
    const start = Date.parse("2026-11-01T00:00:00Z");
    const rows = Array.from({ length: SCHEDULE_ATTEMPTS + 5 }, (_, i) => ({
      userId,
      family: i === SCHEDULE_ATTEMPTS + 4 ? "retired-family" : "verdict-rnn",
      seed: i,
      response: { answer: "vanishing" },
      expected: { answer: "vanishing", measured: {}, clearance: 2 },
      correct: i % 2 === 0,
      errorDecades: null,
      margin: 1,
      engineVersion: "test",
      createdAt: new Date(start + i * MINUTE),
    }));
    await prisma.drillAttempt.createMany({ data: rows });
    const read = await listScheduledAttempts(userId);
    expect(read).toHaveLength(SCHEDULE_ATTEMPTS - 1); // the newest 1000, less the retired family's row
    expect(read.every((a) => a.family === "verdict-rnn")).toBe(true);
    expect(Math.min(...read.map((a) => a.createdAt.getTime()))).toBe(start + 5 * MINUTE);
  });

  it("a visitor without a session gets a family of its own choosing, all of them new", async () => {
    const schedules = await drillSchedules(null, new Date());
    expect(schedules.every((s) => s.card === null && s.isDue)).toBe(true);
    expect(DRILL_FAMILIES).toContain(await mixedFamily());
  });
});
