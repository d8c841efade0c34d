/**
 * What an operator sees when `npm start` (its first step, `npm run db:setup`) is given a
 * DATABASE_URL that cannot work: one line naming the URL with its password masked and what
 * failed, a failing exit status — never a stack trace, never the password. (A wrong password
 * against a real server: tests/integration/database.postgres.test.ts.)
 */
import { describe, it } from "vitest";
import { dbSetup, expectOneClearLine, SECRET } from "@/tests/support/db-setup-run";

describe("a DATABASE_URL that cannot work, at start-up", () => {
  it("malformed: one line saying so, the password masked", () => {
    expectOneClearLine(
      dbSetup(`postgresql://gradlab:${SECRET}@:not-a-port/gradlab`),
      /DATABASE_URL: is not a valid URL/,
    );
  }, 120_000);

  it("another database's URL: one line naming the two kinds it can be", () => {
    expectOneClearLine(dbSetup(`mysql://gradlab:${SECRET}@127.0.0.1/gradlab`), /file: URL .* or a postgresql:\/\/ URL/);
  }, 120_000);

  it("unreachable: one line naming the server (password masked) and that nothing answers there", () => {
    // port 9 (discard) on loopback: nothing listens there in the test machines
    const run = dbSetup(`postgresql://gradlab:${SECRET}@127.0.0.1:9/gradlab`);
    expectOneClearLine(run, /postgresql:\/\/gradlab:\*\*\*@127\.0\.0\.1:9\/gradlab: cannot reach the database server/);
  }, 120_000);
});
