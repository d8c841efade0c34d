/**
 * Guests' lifecycle: a client may create only so many (counted in the database, so on every app
 * server together), a guest's session rolls forward while it is used and is short otherwise, and
 * guests nobody can come back to are collected with their rows.
 */
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

// getOrCreateUser runs outside Next here: the request's headers and cookie jar are stood in for.
let requestHeaders = new Headers();
const jar = new Map<string, { value: string; expires?: Date }>();
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)?.value } : undefined),
    set: (name: string, value: string, options: { expires?: Date }) =>
      jar.set(name, { value, expires: options.expires }),
  }),
  headers: async () => requestHeaders,
}));
process.env.GUEST_CREATIONS_PER_HOUR = "3";

const { getOrCreateUser, isGuestRefused } = await import("@/lib/accounts/current-user.server");
const { prisma } = await import("@/lib/db/client.server");
const { collectGuests } = await import("@/lib/db/users.server");
const { GUEST_SESSION_MAX_AGE_S, hashSessionToken, newSessionToken, SESSION_COOKIE } = await import(
  "@/lib/accounts/session-token"
);

afterAll(() => prisma.$disconnect());
beforeEach(() => jar.clear());

const DAY = 86_400_000;
const from = (address: string, cookie = "") => {
  requestHeaders = new Headers({ "x-forwarded-for": address, cookie });
};

async function guestWith(opts: { createdDaysAgo: number; sessionDaysLeft: number; progress?: boolean }) {
  const token = newSessionToken();
  const user = await prisma.user.create({
    data: {
      createdAt: new Date(Date.now() - opts.createdDaysAgo * DAY),
      sessions: {
        create: { token: hashSessionToken(token), expiresAt: new Date(Date.now() + opts.sessionDaysLeft * DAY) },
      },
    },
  });
  if (opts.progress) {
    const q = await prisma.question.findFirstOrThrow({ select: { id: true } });
    await prisma.attempt.create({ data: { userId: user.id, questionId: q.id, kind: "reveal" } });
  }
  return { id: user.id, token };
}

describe("guest creation", () => {
  it("is limited per client address: the fourth in an hour is refused, another address is not", async () => {
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      jar.clear();
      from("198.51.100.7");
      const user = await getOrCreateUser();
      expect(isGuestRefused(user)).toBe(false);
      if (!isGuestRefused(user)) made.push(user.id);
    }
    expect(new Set(made).size).toBe(3);
    jar.clear();
    from("198.51.100.7");
    const refused = await getOrCreateUser();
    expect(refused).toMatchObject({ refused: "tooManyGuests" });
    expect(isGuestRefused(refused) && refused.retryAfterS).toBeGreaterThan(60);
    expect(jar.has(SESSION_COOKIE)).toBe(false);
    // an IPv6 client counts by its /64: rotating the last groups gains nothing
    for (let i = 0; i < 3; i++) {
      jar.clear();
      from(`2001:db8:1:2::${i + 1}`);
      expect(isGuestRefused(await getOrCreateUser())).toBe(false);
    }
    jar.clear();
    from("2001:db8:1:2:ffff::9");
    expect(isGuestRefused(await getOrCreateUser())).toBe(true);
    jar.clear();
    from("203.0.113.9");
    expect(isGuestRefused(await getOrCreateUser())).toBe(false);
  });

  it("a guest's own requests are never refused: it already exists", async () => {
    const g = await guestWith({ createdDaysAgo: 0, sessionDaysLeft: 29.5 });
    from("198.51.100.7", `${SESSION_COOKIE}=${g.token}`); // the address that is out of new guests
    const user = await getOrCreateUser();
    expect(user).toMatchObject({ id: g.id, isAnonymous: true });
  });
});

describe("a guest's session", () => {
  it("lives a short time and rolls forward when the guest saves something (at most once a day)", async () => {
    const g = await guestWith({ createdDaysAgo: 20, sessionDaysLeft: 10, progress: true });
    from("192.0.2.50", `${SESSION_COOKIE}=${g.token}`);
    expect(await getOrCreateUser()).toMatchObject({ id: g.id });
    const session = await prisma.session.findFirstOrThrow({ where: { userId: g.id } });
    const left = session.expiresAt.getTime() - Date.now();
    expect(left).toBeGreaterThan(GUEST_SESSION_MAX_AGE_S * 1000 - 60_000);
    expect(left).toBeLessThanOrEqual(GUEST_SESSION_MAX_AGE_S * 1000);
    expect(jar.get(SESSION_COOKIE)?.value).toBe(g.token);
    expect(jar.get(SESSION_COOKIE)?.expires?.getTime()).toBe(session.expiresAt.getTime());
    // again the same day: nothing to write, no new cookie
    jar.clear();
    await getOrCreateUser();
    expect(jar.has(SESSION_COOKIE)).toBe(false);
    expect((await prisma.session.findFirstOrThrow({ where: { userId: g.id } })).expiresAt).toEqual(session.expiresAt);
  });

  it("is not revived once expired: the visitor becomes a new guest", async () => {
    const g = await guestWith({ createdDaysAgo: 40, sessionDaysLeft: -1, progress: true });
    from("192.0.2.51", `${SESSION_COOKIE}=${g.token}`);
    const user = await getOrCreateUser();
    expect(isGuestRefused(user) ? null : user.id).not.toBe(g.id);
  });
});

describe("collecting guests", () => {
  it("deletes guests nobody can come back to, with their rows, and keeps everyone else", async () => {
    const expired = await guestWith({ createdDaysAgo: 40, sessionDaysLeft: -1, progress: true });
    const emptyOld = await guestWith({ createdDaysAgo: 2, sessionDaysLeft: 28 });
    const emptyNew = await guestWith({ createdDaysAgo: 0, sessionDaysLeft: 30 });
    const learning = await guestWith({ createdDaysAgo: 5, sessionDaysLeft: 25, progress: true });
    const account = await prisma.user.create({
      data: { isAnonymous: false, createdAt: new Date(Date.now() - 90 * DAY) },
    });

    expect(await collectGuests()).toBeGreaterThanOrEqual(2);
    const left = new Set(
      (
        await prisma.user.findMany({
          where: { id: { in: [expired.id, emptyOld.id, emptyNew.id, learning.id, account.id] } },
          select: { id: true },
        })
      ).map((u) => u.id),
    );
    expect(left).toEqual(new Set([emptyNew.id, learning.id, account.id]));
    expect(await prisma.attempt.count({ where: { userId: expired.id } })).toBe(0);
    expect(await prisma.session.count({ where: { userId: { in: [expired.id, emptyOld.id] } } })).toBe(0);
    expect(await prisma.attempt.count({ where: { userId: learning.id } })).toBe(1);
  });
});
