/**
 * The per-account sign-in back-off (ADR 30) on a real SQLite file, through better-auth's route
 * handler and through the sign-in form's action: rotating addresses (each one the address a
 * trusted proxy forwarded) does not dodge it, the wait grows and is capped, hammering a locked
 * account does not lengthen its lock, the right password after the wait works and resets the
 * count, another account is unaffected, the owner's own browsers (device cookies) are never locked
 * out by strangers' guesses, and the form says so in the person's language.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

// The form's action runs outside Next here: its request headers and cookie jar are stood in for;
// translations are next-intl's own, over the app's messages.
const request = { headers: new Headers() };
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, set: () => undefined }),
}));
vi.mock("next-intl/server", async () => {
  const { createTranslator } = await import("next-intl");
  const { messagesFor } = await import("@/lib/i18n/messages");
  const { localeFromAcceptLanguage } = await import("@/lib/i18n/locales");
  return {
    getTranslations: async (namespace: string) => {
      const locale = localeFromAcceptLanguage(request.headers.get("accept-language"));
      const t = createTranslator({ locale, messages: messagesFor(locale), namespace: namespace as never });
      return Object.assign(t, { has: (k: string) => t.has(k as never) });
    },
  };
});

const { SIGN_IN_BACKOFF } = await import("@/lib/accounts/auth.server");
const { DEVICE_COOKIE } = await import("@/lib/accounts/device-cookie");
const { signIn } = await import("@/app/(account)/actions");
const { prisma } = await import("@/lib/db/client.server");
const { backoffDelayMs } = await import("@/lib/http/rate-limit");
const { clientAddress, trustProxies } = await import("@/lib/http/forwarded");
const { Browser } = await import("@/tests/support/auth-client");

afterAll(() => prisma.$disconnect());
afterEach(() => vi.useRealTimers());

const PASSWORD = "gradients-vanish-42";
const WRONG = "not-the-password-7";
const PROXY = trustProxies(["loopback"]);
let addresses = 0;

/**
 * A browser behind the trusted proxy with a client address never used before: what server.ts
 * would hand on for `X-Forwarded-For: <attacker's choice>` arriving from 127.0.0.1.
 */
function freshClient(): InstanceType<typeof Browser> {
  addresses += 1;
  const claimed = `198.51.${Math.floor(addresses / 250)}.${addresses % 250}`;
  const ip = clientAddress("127.0.0.1", claimed, PROXY);
  expect(ip).toBe(claimed); // the proxy is trusted: the client is whoever the header names
  return new Browser(ip);
}

/** The same browser (its cookies) on another network. */
function elsewhere(browser: InstanceType<typeof Browser>): InstanceType<typeof Browser> {
  const moved = freshClient();
  for (const [name, value] of browser.cookies) moved.cookies.set(name, value);
  return moved;
}

const signInAs = (username: string, password: string) =>
  freshClient().post("/sign-in/username", { username, password });

/** `n` wrong passwords for `username`, each from a new address, all answered 401. */
async function fail(username: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) expect((await signInAs(username, `${WRONG}-${i}`)).status).toBe(401);
}

async function refusedFor(username: string, password = WRONG): Promise<number> {
  const res = await signInAs(username, password);
  expect(res.status).toBe(429);
  expect((await res.json()).code).toBe("TOO_MANY_ATTEMPTS_FOR_ACCOUNT");
  return Number(res.headers.get("retry-after"));
}

/** The first wait, as seen a moment after the attempt that earned it (real time runs on meanwhile). */
function expectFirstWait(retryAfterS: number): void {
  expect(retryAfterS).toBeLessThanOrEqual(SIGN_IN_BACKOFF.firstDelayMs / 1000);
  expect(retryAfterS).toBeGreaterThan(SIGN_IN_BACKOFF.firstDelayMs / 1000 - 10);
}

beforeAll(async () => {
  for (const name of ["victim", "bystander", "wanda", "zhou"]) {
    const res = await new Browser().signUp({ email: `${name}@example.com`, username: name, name, password: PASSWORD });
    expect(res.status).toBe(200);
  }
});

describe("the per-account sign-in back-off", () => {
  it("holds however many addresses the guesses come from (each under the per-address limit)", async () => {
    await fail("victim", SIGN_IN_BACKOFF.free);
    // the right password, from yet another address, is refused too: the account waits
    expectFirstWait(await refusedFor("victim", PASSWORD));
    // the other way in to the same account (its email) shares the count
    const byEmail = await freshClient().post("/sign-in/email", { email: "VICTIM@example.com", password: PASSWORD });
    expect(byEmail.status).toBe(429);
    expect(Number(byEmail.headers.get("retry-after"))).toBeGreaterThan(0);
    // another account is not affected, from any address
    expect((await signInAs("bystander", PASSWORD)).status).toBe(200);
    expect((await signInAs("bystander", WRONG)).status).toBe(401);
  });

  it("doubles the wait after each further attempt, up to the cap; refused attempts do not lengthen it", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    let now = Date.now();
    vi.setSystemTime(now);
    await fail("wanda", SIGN_IN_BACKOFF.free);
    const waits: number[] = [];
    for (let attempt = SIGN_IN_BACKOFF.free; attempt < SIGN_IN_BACKOFF.free + 8; attempt++) {
      const wait = await refusedFor("wanda");
      waits.push(wait);
      // hammering while locked: still refused, and the wait only runs down
      now += 1000;
      vi.setSystemTime(now);
      expect(await refusedFor("wanda")).toBe(wait - 1);
      now += (wait - 1) * 1000;
      vi.setSystemTime(now);
      expect((await signInAs("wanda", WRONG)).status).toBe(401);
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
    expect(waits.map((_, i) => backoffDelayMs(SIGN_IN_BACKOFF.free + i, SIGN_IN_BACKOFF) / 1000)).toEqual(waits);
    // the victim of someone else's guesses waits at most the cap after the last guess
    expect(Math.max(...waits)).toBe(SIGN_IN_BACKOFF.maxDelayMs / 1000);

    // once the wait is over, the right password works and starts the count afresh
    expect(await refusedFor("wanda", PASSWORD)).toBe(900);
    now += 900 * 1000;
    vi.setSystemTime(now);
    expect((await signInAs("wanda", PASSWORD)).status).toBe(200);
    await fail("wanda", SIGN_IN_BACKOFF.free);
    expect(await refusedFor("wanda")).toBe(30);
  });

  it("forgets an account's count after a quiet day", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const now = Date.now();
    vi.setSystemTime(now);
    await fail("zhou", SIGN_IN_BACKOFF.free);
    await refusedFor("zhou");
    vi.setSystemTime(now + SIGN_IN_BACKOFF.firstDelayMs + SIGN_IN_BACKOFF.forgetAfterMs);
    await fail("zhou", SIGN_IN_BACKOFF.free);
    await refusedFor("zhou");
  });

  it("slows down guesses at a name with no account alike, and stores no typed address", async () => {
    for (let i = 0; i < SIGN_IN_BACKOFF.free; i++) {
      const res = await freshClient().post("/sign-in/email", { email: "nobody@example.com", password: WRONG });
      expect(res.status).toBe(401);
    }
    const res = await freshClient().post("/sign-in/email", { email: "Nobody@Example.com", password: WRONG });
    expect(res.status).toBe(429);
    expect(await prisma.rateLimit.count({ where: { key: { contains: "nobody" } } })).toBe(0);
  });

  it("holds exactly under a parallel burst from many addresses", async () => {
    await new Browser().signUp({ email: "burst@example.com", username: "burst", name: "b", password: PASSWORD });
    const statuses = await Promise.all(
      Array.from({ length: 3 * SIGN_IN_BACKOFF.free }, (_, i) =>
        signInAs("burst", `${WRONG}-${i}`).then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(SIGN_IN_BACKOFF.free);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2 * SIGN_IN_BACKOFF.free);
  });

  it("never locks the owner out of a browser that signed in before; a forged or borrowed device cookie earns nothing", async () => {
    await new Browser().signUp({ email: "owner@example.com", username: "owner", name: "o", password: PASSWORD });
    let laptop = freshClient();
    expect((await laptop.post("/sign-in/username", { username: "owner", password: PASSWORD })).status).toBe(200);
    const device = laptop.cookies.get(DEVICE_COOKIE) ?? "";
    expect(device.split(".")).toHaveLength(3);
    const someoneElse = freshClient();
    expect((await someoneElse.post("/sign-in/username", { username: "bystander", password: PASSWORD })).status).toBe(
      200,
    );

    await fail("owner", SIGN_IN_BACKOFF.free);
    expectFirstWait(await refusedFor("owner", PASSWORD));
    // a device cookie with one character changed, or another account's, is no device of the owner's
    const forger = freshClient();
    forger.cookies.set(DEVICE_COOKIE, device.slice(0, -1) + (device.endsWith("A") ? "B" : "A"));
    expect((await forger.post("/sign-in/username", { username: "owner", password: PASSWORD })).status).toBe(429);
    const borrowed = await elsewhere(someoneElse).post("/sign-in/username", { username: "owner", password: PASSWORD });
    expect(borrowed.status).toBe(429);

    // the owner's laptop, on any network, signs in at once — and keeps its cookie
    laptop = elsewhere(laptop);
    expect((await laptop.post("/sign-in/username", { username: "owner", password: PASSWORD })).status).toBe(200);
    expect(laptop.cookies.get(DEVICE_COOKIE)).toBe(device);
    // the strangers' count was not reset by the owner's success, and the laptop backs off on its own
    expect(await refusedFor("owner", PASSWORD)).toBeGreaterThan(0);
    for (let i = 0; i < SIGN_IN_BACKOFF.free; i++) {
      laptop = elsewhere(laptop);
      expect((await laptop.post("/sign-in/username", { username: "owner", password: `${WRONG}-${i}` })).status).toBe(
        401,
      );
    }
    const stolen = await elsewhere(laptop).post("/sign-in/username", { username: "owner", password: PASSWORD });
    expect(stolen.status).toBe(429);
    expectFirstWait(Number(stolen.headers.get("retry-after")));
  });

  it("the sign-in form says so in the person's language, with the wait", async () => {
    await new Browser().signUp({ email: "li@example.com", username: "li_lei", name: "li", password: PASSWORD });
    await fail("li_lei", SIGN_IN_BACKOFF.free);
    const form = (identifier: string) => {
      const f = new FormData();
      f.set("identifier", identifier);
      f.set("password", WRONG);
      return f;
    };
    const asks = async (language: string, identifier: string) => {
      request.headers = new Headers({
        host: "localhost",
        "x-forwarded-for": freshClient().ip,
        "accept-language": language,
      });
      return signIn({ ok: true }, form(identifier));
    };
    expect(await asks("en", "li_lei")).toEqual({
      ok: false,
      message: "Too many sign-in attempts for this account. Please wait 1 minute and try again.",
      values: { identifier: "li_lei" },
    });
    expect(await asks("zh-CN,zh;q=0.9", "li@example.com")).toEqual({
      ok: false,
      message: "该账号的登录尝试次数过多，请等待 1 分钟后再试。",
      values: { identifier: "li@example.com" },
    });
  });
});
