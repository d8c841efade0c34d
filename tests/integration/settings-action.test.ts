import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

// The action runs outside Next here: cookies()/headers() and translations are stood in for.
const jar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
    set: (name: string, value: string) => jar.set(name, value),
  }),
  headers: async () => new Headers({ cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") }),
}));
vi.mock("next-intl/server", () => ({
  getTranslations: async () => Object.assign((key: string) => `t:${key}`, { has: () => true }),
}));

const { saveSettings } = await import("@/app/settings/actions");
const { prisma } = await import("@/lib/db/client.server");
const { SESSION_COOKIE } = await import("@/lib/accounts/session-token");
const { createGuestSession } = await import("@/tests/support/guest-session");

afterAll(() => prisma.$disconnect());
beforeEach(() => jar.clear());

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};
const good = { newCardsPerDay: "35", desiredRetention: "0.85", locale: "zh", timeZone: "Asia/Shanghai" };

const guest = () => createGuestSession(prisma);

describe("saveSettings", () => {
  it("saves the current user's settings only, and sets NEXT_LOCALE", async () => {
    const me = await guest();
    const other = await guest();
    jar.set(SESSION_COOKIE, me.token);
    const res = await saveSettings({ ok: true }, form({ ...good, userId: other.id }));
    expect(res).toEqual({ ok: true, message: "t:saved" });
    expect(jar.get("NEXT_LOCALE")).toBe("zh");
    expect(
      await prisma.user.findUnique({
        where: { id: me.id },
        select: { newCardsPerDay: true, desiredRetention: true, locale: true, timeZone: true },
      }),
    ).toEqual({
      newCardsPerDay: 35,
      desiredRetention: 0.85,
      locale: "zh",
      timeZone: "Asia/Shanghai",
    });
    const untouched = await prisma.user.findUniqueOrThrow({ where: { id: other.id } });
    expect([untouched.newCardsPerDay, untouched.timeZone, untouched.locale]).toEqual([20, "UTC", "en"]);
  });

  it("returns field errors and changes nothing for bad input", async () => {
    const me = await guest();
    jar.set(SESSION_COOKIE, me.token);
    const res = await saveSettings(
      { ok: true },
      form({ newCardsPerDay: "500", desiredRetention: "0.5", locale: "fr", timeZone: "Nowhere/Else" }),
    );
    expect(res).toEqual({
      ok: false,
      message: "t:fixFields",
      fields: {
        newCardsPerDay: "t:errNewCards",
        desiredRetention: "t:errRetention",
        locale: "t:errLanguage",
        timeZone: "t:errTimeZone",
      },
    });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: me.id } })).newCardsPerDay).toBe(20);
    expect(jar.has("NEXT_LOCALE")).toBe(false);
  });
});
