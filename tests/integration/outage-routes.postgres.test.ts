/**
 * The API during a database outage: route handlers answer 503 with Retry-After and a sentence in
 * the person's language — never a 500 — and answer normally again once the database is back,
 * without a restart. On a PostgreSQL server of its own (scripts/postgres-server.ts), paused
 * (SIGSTOP) mid-run as a hung or failed-over database would be.
 */
import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/create-client";
import type { PrismaClient } from "@/lib/db/prisma";
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
    const ask = (handler: (r: Request) => Promise<Response>, path: string, headers: Record<string, string> = {}) =>
      handler(new Request(`http://localhost${path}`, { headers }));

    const up = await ask(questions, "/api/questions?lang=en");
    expect(up.status).toBe(200);
    expect((await up.json()).count).toBeGreaterThan(0);

    server.pause();
    try {
      const en = await ask(questions, "/api/questions?lang=en", { "accept-language": "en-GB,en;q=0.9" });
      expect(en.status).toBe(503);
      expect(en.headers.get("retry-after")).toMatch(/^\d+$/);
      expect((await en.json()).error).toMatch(/database is not answering.*try again/i);
      const zh = await ask(deck, "/api/deck/csv?lang=zh", { cookie: "NEXT_LOCALE=zh" });
      expect(zh.status).toBe(503);
      expect((await zh.json()).error).toMatch(/数据库暂时没有响应/);
    } finally {
      server.resume();
    }

    let again: Response | null = null;
    for (let i = 0; i < 40 && again?.status !== 200; i++) {
      again = await ask(questions, "/api/questions?lang=en");
      if (again.status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(again?.status).toBe(200);
  }, 240_000);
});
