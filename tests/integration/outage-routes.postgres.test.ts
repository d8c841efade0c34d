/**
 * The API during a database outage: route handlers answer 503 with Retry-After and a sentence in
 * the person's language — never a 500, better-auth's own route included — and answer normally
 * again once the database is back, without a restart. On a PostgreSQL server of its own
 * (scripts/postgres-server.ts), stopped mid-run (pause: pg_ctl stop) as a crashed or failed-over
 * database would be, and started again.
 */
import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/create-client";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import type { PrismaClient } from "@/lib/db/prisma";
import { OUTAGE_DIGEST } from "@/lib/http/outage";
import { startPostgres } from "@/scripts/postgres-server";

describe("route handlers during a PostgreSQL outage", () => {
  let stop = () => {};
  let prisma: PrismaClient | undefined;
  afterAll(async () => {
    await prisma?.$disconnect();
    stop();
  });

  it("answer 503 + Retry-After in the person's language, then recover by themselves", async () => {
    const server = await startPostgres();
    stop = server.stop;
    execFileSync("npx", ["tsx", "scripts/db-setup.ts"], {
      env: { ...process.env, DATABASE_URL: server.url },
      stdio: "ignore",
      timeout: 120_000,
    });
    // The app's one client (lib/db/client.server.ts takes it from globalThis), on this server.
    prisma = createPrismaClient(server.url, { max: 2 });
    (globalThis as { __gradlabPrisma?: PrismaClient }).__gradlabPrisma = prisma;
    const { GET: questions } = await import("@/app/api/questions/route");
    const { GET: deck } = await import("@/app/api/deck/csv/route");
    const { GET: exportProgress } = await import("@/app/api/progress/export/route");
    const { Browser } = await import("@/tests/support/auth-client");
    const { currentUserFromHeaders } = await import("@/lib/accounts/current-user.server");
    const ask = (handler: (r: Request) => Promise<Response>, path: string, headers: Record<string, string> = {}) =>
      handler(new Request(`http://localhost${path}`, { headers }));

    const up = await ask(questions, "/api/questions?lang=en");
    expect(up.status).toBe(200);
    expect((await up.json()).count).toBeGreaterThan(0);
    // An account, signed in (its session is better-auth's, read through the library).
    const account = new Browser();
    const credentials = { username: "outage_ada", password: "paused-postgres-2026" };
    const signedUp = await account.signUp({ ...credentials, email: "ada@example.com", name: "Ada" });
    expect(signedUp.status).toBe(200);
    expect(
      (await exportProgress(new Request("http://localhost/api/progress/export", { headers: account.headers() })))
        .status,
    ).toBe(200);

    server.pause();
    try {
      const en = await ask(questions, "/api/questions?lang=en", { "accept-language": "en-GB,en;q=0.9" });
      expect(en.status).toBe(503);
      expect(en.headers.get("retry-after")).toMatch(/^\d+$/);
      expect((await en.json()).error).toMatch(/database is not answering.*try again/i);
      const zh = await ask(deck, "/api/deck/csv?lang=zh", { cookie: "NEXT_LOCALE=zh" });
      expect(zh.status).toBe(503);
      expect((await zh.json()).error).toMatch(/数据库暂时没有响应/);

      // better-auth's own route: sign-in and sign-up answer 503 too, in the person's language.
      const signIn = await new Browser().post("/sign-in/username", credentials);
      expect(signIn.status).toBe(503);
      expect(signIn.headers.get("retry-after")).toMatch(/^\d+$/);
      expect((await signIn.json()).error).toMatch(/database is not answering.*try again/i);
      const signUpZh = await new Browser().post("/sign-up/email", {
        email: "li@example.com",
        password: "x9-long-enough",
        name: "Li",
      });
      expect(signUpZh.status).toBe(503);
      // (Browser sends no Accept-Language: English; a Chinese one:)
      const zhBrowser = new Browser();
      const { POST: auth } = await import("@/app/api/auth/[...all]/route");
      const zhSignIn = await auth(
        new Request("http://localhost/api/auth/sign-in/username", {
          method: "POST",
          headers: zhBrowser.headers({ "content-type": "application/json", "accept-language": "zh-CN,zh;q=0.9" }),
          body: JSON.stringify(credentials),
        }),
      );
      expect(zhSignIn.status).toBe(503);
      expect((await zhSignIn.json()).error).toMatch(/数据库暂时没有响应/);

      // A signed-in account's session is read through better-auth, which wraps the failed query
      // in an error of its own: still recognised as the outage (503, and the error page's digest).
      const exported = await exportProgress(
        new Request("http://localhost/api/progress/export", { headers: account.headers() }),
      );
      expect(exported.status).toBe(503);
      const failure = await currentUserFromHeaders(account.headers()).then(
        () => null,
        (error: unknown) => error,
      );
      expect(isDatabaseUnavailable(failure)).toBe(true);
      expect((failure as { digest?: string }).digest).toBe(OUTAGE_DIGEST);
    } finally {
      server.resume();
    }

    let again: Response | null = null;
    for (let i = 0; i < 40 && again?.status !== 200; i++) {
      again = await ask(questions, "/api/questions?lang=en");
      if (again.status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(again?.status).toBe(200);
    // …and so does signing in, with nothing stored twice by the refused attempts.
    const back = await new Browser().post("/sign-in/username", credentials);
    expect(back.status).toBe(200);
    expect(await prisma.user.count({ where: { username: "outage_ada" } })).toBe(1);
    expect(await prisma.user.count({ where: { email: "li@example.com" } })).toBe(0);
  }, 240_000);
});
