/**
 * The database goes away while the app serves, and comes back: the failure is recognised as
 * "unavailable" (so learners get the retry page, not a crash) and named in one masked line, and
 * the same client — an app server that was never restarted — works again by itself.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/create-client";
import { describeDatabaseError, isDatabaseUnavailable } from "@/lib/db/errors";
import { startPostgres } from "@/scripts/postgres-server";

describe("a PostgreSQL outage", () => {
  let stop = () => {};
  afterAll(() => stop());

  it("fails clearly while the server is down and recovers without a restart when it is back", async () => {
    // A server of its own: the suite's shared one must stay up for the other files.
    const server = await startPostgres();
    stop = server.stop;
    const prisma = createPrismaClient(server.url, { max: 2 });
    try {
      expect(await prisma.$queryRawUnsafe("SELECT 1 AS ok")).toEqual([{ ok: 1 }]);

      server.pause();
      const failure = await prisma.$queryRawUnsafe("SELECT 1").then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).not.toBeNull();
      expect(isDatabaseUnavailable(failure)).toBe(true);
      const line = describeDatabaseError(server.url, failure);
      expect(line).toMatch(/^cannot use the database postgresql:\/\/gradlab:\*\*\*@127\.0\.0\.1:\d+\/gradlab: /);
      expect(line.split("\n")).toHaveLength(1);

      server.resume();
      // The pool drops the dead connections and opens new ones: no restart of the app needed.
      let recovered: unknown = null;
      for (let i = 0; i < 20 && recovered === null; i++) {
        recovered = await prisma.$queryRawUnsafe("SELECT 2 AS ok").catch(() => null);
        if (recovered === null) await new Promise((r) => setTimeout(r, 250));
      }
      expect(recovered).toEqual([{ ok: 2 }]);
    } finally {
      await prisma.$disconnect();
    }
  }, 120_000);
});
