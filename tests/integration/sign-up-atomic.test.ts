/**
 * Sign-up writes the user and its credential (the password) in one transaction (ADR 32): a
 * failure between the two — the database refusing the credential's insert, as a connection that
 * drops there would — leaves no user behind, so the same sign-up simply works when sent again.
 * Before, the user stayed without a password: sign-up then answered "already taken" (generically)
 * and sign-in failed, a name lost for good. Runs on SQLite and on PostgreSQL.
 */
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client.server";
import { Browser } from "@/tests/support/auth-client";
import { failInsertWhen } from "@/tests/support/db-faults";

afterAll(() => prisma.$disconnect());

const PASSWORD = "gradients-vanish-42";

describe("sign-up is one transaction", () => {
  it("a credential that cannot be stored takes the new user with it; the same sign-up then works", async () => {
    const details = { email: "half@example.com", username: "half_done", name: "half_done", password: PASSWORD };
    const restore = await failInsertWhen(prisma, "Account", "providerId", "credential");
    let refused: Response;
    try {
      refused = await new Browser().post("/sign-up/email", details);
    } finally {
      await restore();
    }
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(await prisma.user.count({ where: { email: details.email } })).toBe(0);
    expect(await prisma.user.count({ where: { username: details.username } })).toBe(0);
    expect(await prisma.account.count()).toBe(0);

    const browser = new Browser();
    expect((await browser.signUp(details)).status).toBe(200);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: details.email }, include: { accounts: true } });
    expect(user.accounts.map((a) => a.providerId)).toEqual(["credential"]);
    expect((await new Browser().post("/sign-in/username", { username: "half_done", password: PASSWORD })).status).toBe(
      200,
    );
  });
});
