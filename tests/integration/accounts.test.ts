import { afterAll, describe, expect, it } from "vitest";
import { SIGN_IN_LIMIT } from "@/lib/accounts/auth.server";
import { currentUserFromHeaders } from "@/lib/accounts/current-user.server";
import { SESSION_COOKIE } from "@/lib/accounts/session-token";
import { prisma } from "@/lib/db/client.server";
import { Browser } from "@/tests/support/auth-client";
import { addProgress } from "@/tests/support/progress-fixtures";

afterAll(() => prisma.$disconnect());

const PASSWORD = "gradients-vanish-42";

describe("accounts (better-auth)", () => {
  it("signing up keeps the guest's progress in the new account and ends the guest", async () => {
    const browser = new Browser();
    const guestId = await browser.becomeGuest();
    await addProgress(guestId);
    const before = await currentUserFromHeaders(browser.headers());
    expect(before).toEqual({ id: guestId, isAnonymous: true, name: "" });

    const res = await browser.signUp({
      email: "ada@example.com",
      username: "ada",
      name: "ada",
      password: PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    const setCookies = res.headers.getSetCookie().join("\n");
    expect(setCookies).toMatch(/better-auth\.session_token=[^;]+;.*HttpOnly/i);
    expect(setCookies).toMatch(/SameSite=Lax/i);

    const me = await currentUserFromHeaders(browser.headers());
    expect(me?.isAnonymous).toBe(false);
    expect(me?.id).not.toBe(guestId);
    const id = me?.id ?? "";
    expect(await prisma.attempt.count({ where: { userId: id } })).toBe(3);
    expect(await prisma.card.count({ where: { userId: id } })).toBe(1);
    expect(await prisma.reviewLog.count({ where: { userId: id } })).toBe(2);
    expect(await prisma.quizSession.count({ where: { userId: id } })).toBe(1);
    expect(await prisma.user.findUnique({ where: { id: guestId } })).toBeNull();

    const account = await prisma.account.findFirstOrThrow({ where: { userId: id, providerId: "credential" } });
    expect(account.password).toBeTruthy();
    expect(account.password).not.toContain(PASSWORD);
    expect(await prisma.session.count({ where: { userId: id } })).toBe(1);
  });

  it("signs in by username or email from another browser and sees the same user", async () => {
    const first = new Browser();
    await first.signUp({ email: "bo@example.com", username: "bo_b", name: "bo", password: PASSWORD });
    const id = (await currentUserFromHeaders(first.headers()))?.id;
    expect(id).toBeTruthy();

    const second = new Browser();
    expect((await second.post("/sign-in/username", { username: "BO_B", password: PASSWORD })).status).toBe(200);
    expect((await currentUserFromHeaders(second.headers()))?.id).toBe(id);

    const third = new Browser();
    expect((await third.post("/sign-in/email", { email: "bo@example.com", password: PASSWORD })).status).toBe(200);
    expect((await currentUserFromHeaders(third.headers()))?.id).toBe(id);
  });

  it("refuses a taken username, a weak password and a wrong password with a code", async () => {
    const a = new Browser();
    await a.signUp({ email: "cy@example.com", username: "cyd", name: "cyd", password: PASSWORD });
    const taken = await new Browser().post("/sign-up/email", {
      email: "other@example.com",
      username: "cyd",
      name: "x",
      password: PASSWORD,
    });
    expect(taken.status).toBe(400);
    expect((await taken.json()).code).toMatch(/USERNAME_IS_ALREADY_TAKEN/);
    const weak = await new Browser().post("/sign-up/email", { email: "w@example.com", name: "w", password: "short" });
    expect(weak.status).toBe(400);
    expect((await weak.json()).code).toBe("PASSWORD_TOO_WEAK");
    const wrong = await new Browser().post("/sign-in/username", { username: "cyd", password: "not-the-password-1" });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).code).toBe("INVALID_USERNAME_OR_PASSWORD");
  });

  it(`refuses the ${SIGN_IN_LIMIT.max + 1}th sign-in attempt in a window with 429 and a message`, async () => {
    const attacker = new Browser("203.0.113.7");
    // a new name each time, so that only the per-address limit is met (each account has its own
    // back-off: tests/integration/sign-in-backoff.test.ts)
    for (let i = 0; i < SIGN_IN_LIMIT.max; i++) {
      const res = await attacker.post("/sign-in/username", { username: `cyd${i}`, password: `guess-${i}-x` });
      expect(res.status).toBe(401);
    }
    const refused = await attacker.post("/sign-in/username", { username: "cyd", password: PASSWORD });
    expect(refused.status).toBe(429);
    expect((await refused.json()).message).toMatch(/too many requests/i);
    // the standard header, not only better-auth's X-Retry-After: seconds until the window ends
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(SIGN_IN_LIMIT.window);
    // another client is not affected
    const other = new Browser("203.0.113.8");
    expect((await other.post("/sign-in/username", { username: "cyd", password: PASSWORD })).status).toBe(200);
  });

  it("keeps the sign-in count in the database, exact under a parallel burst (so it holds across app servers)", async () => {
    const burst = new Browser("203.0.113.9");
    const statuses = await Promise.all(
      Array.from({ length: 3 * SIGN_IN_LIMIT.max }, (_, i) =>
        burst.post("/sign-in/username", { username: `burst${i}`, password: `burst-${i}-x` }).then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(SIGN_IN_LIMIT.max);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2 * SIGN_IN_LIMIT.max);
    const rows = await prisma.rateLimit.findMany({ where: { key: { contains: "203.0.113.9" } } });
    expect(rows.map((r) => r.count)).toEqual([SIGN_IN_LIMIT.max]);
  });

  it("sign-out ends one session; sign out everywhere ends them all", async () => {
    const a = new Browser();
    await a.signUp({ email: "di@example.com", username: "dix", name: "di", password: PASSWORD });
    const b = new Browser();
    await b.post("/sign-in/username", { username: "dix", password: PASSWORD });
    const c = new Browser();
    await c.post("/sign-in/username", { username: "dix", password: PASSWORD });
    const id = (await currentUserFromHeaders(a.headers()))?.id ?? "";
    expect(await prisma.session.count({ where: { userId: id } })).toBe(3);

    const cHeaders = c.headers();
    expect((await c.post("/sign-out", {})).status).toBe(200);
    expect(await currentUserFromHeaders(cHeaders)).toBeNull();
    expect(await prisma.session.count({ where: { userId: id } })).toBe(2);

    const bHeaders = b.headers();
    expect((await a.post("/revoke-sessions", {})).status).toBe(200);
    expect(await currentUserFromHeaders(a.headers())).toBeNull();
    expect(await currentUserFromHeaders(bHeaders)).toBeNull();
    expect(await prisma.session.count({ where: { userId: id } })).toBe(0);
  });

  it("uses Secure __Secure- cookies when the request came over https", async () => {
    const browser = new Browser();
    const res = await browser.signUp({
      email: "eve@example.com",
      name: "eve",
      password: PASSWORD,
    });
    expect(res.headers.getSetCookie().join("\n")).not.toMatch(/Secure/);
    const https = new Browser();
    const headers = https.headers({ "content-type": "application/json", "x-forwarded-proto": "https" });
    const { POST } = await import("@/app/api/auth/[...all]/route");
    const secure = await POST(
      new Request("http://localhost/api/auth/sign-in/email", {
        method: "POST",
        headers,
        body: JSON.stringify({ email: "eve@example.com", password: PASSWORD }),
      }),
    );
    expect(secure.status).toBe(200);
    expect(secure.headers.getSetCookie().join("\n")).toMatch(/__Secure-better-auth\.session_token=[^;]+;.*Secure/i);
  });
});
