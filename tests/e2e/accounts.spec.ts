/**
 * Accounts end to end on a server of our own (restarted halfway): a guest answers → signs up
 * (the progress moves with them) → the server restarts → signs out → signs in from a fresh
 * browser → same progress on the question page and the dashboard, matching the database; a
 * second user sees none of it and is refused the first user's data; export → import round trip.
 */
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { sql } from "@/tests/support/e2e-database";
import { bank, E2E_PORT, e2eDatabaseUrl, resetDatabase, startServer, userIdOf } from "./support";

const PORT = E2E_PORT + 1;
const DB_URL = e2eDatabaseUrl("e2e-accounts");
const PASSWORD = "vanishing-grads-2026";

const query = <T>(text: string, ...params: unknown[]) => sql<T>(DB_URL, text, ...params);

const count = async (table: string, userId: string) =>
  (await query<{ n: number }>(`SELECT COUNT(*) AS n FROM "${table}" WHERE "userId" = ?`, userId))[0]?.n ?? -1;

async function signUp(page: Page, base: string, username: string) {
  await page.goto(`${base}/signup`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(`${base}/dashboard`);
}

async function signIn(page: Page, base: string, identifier: string, password = PASSWORD) {
  await page.goto(`${base}/signin`);
  await page.getByLabel("Username or email").fill(identifier);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function exportOf(context: BrowserContext, base: string, query = "") {
  return context.request.get(`${base}/api/progress/export${query}`);
}

test("guest → account → restart → another browser: progress is kept, private, and round-trips", async ({ browser }) => {
  test.setTimeout(240_000);
  const question = bank[0];
  if (!question) throw new Error("empty bank");
  await resetDatabase(DB_URL);

  let server = await startServer(PORT, DB_URL);
  const first = await browser.newContext();
  const fresh = await browser.newContext();
  const other = await browser.newContext();
  try {
    // 1. A guest answers a question: no sign-up wall.
    const page = await first.newPage();
    await page.goto(`${server.url}/questions/${question.slug}`);
    await page.getByRole("button", { name: "Reveal the answer" }).click();
    await expect(page.getByTestId("attempts").locator("li")).toHaveCount(1);
    const guestId = await userIdOf(first, DB_URL);
    expect(await count("Attempt", guestId)).toBe(1);

    // 2. Sign up: a weak password is refused with a message, then the account keeps the attempt.
    await page.goto(`${server.url}/signup`);
    await page.getByLabel("Username").fill("e2e_ada");
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("That password is too weak")).toBeVisible();
    await signUp(page, server.url, "e2e_ada");
    const [ada] = await query<{ id: string; isAnonymous: number }>(
      `SELECT id, "isAnonymous" FROM "User" WHERE username = 'e2e_ada'`,
    );
    if (!ada) throw new Error("no account row");
    expect(ada.isAnonymous).toBe(0);
    expect(await count("Attempt", ada.id)).toBe(1);
    expect(await query(`SELECT id FROM "User" WHERE id = ?`, guestId)).toEqual([]);
    await expect(page.getByTestId("stat-attempts")).toHaveText("1");
    const cookies = await first.cookies();
    const session = cookies.find((c) => c.name === "better-auth.session_token");
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
    expect(cookies.find((c) => c.name === "gradlab_session")).toBeUndefined();

    // 3. Restart the server: the session and the progress survive.
    await server.stop();
    server = await startServer(PORT, DB_URL);
    await page.goto(`${server.url}/settings`);
    await expect(page.getByTestId("signed-in-as")).toContainText("e2e_ada");

    // 4. Sign out.
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/settings`);
    await expect(page.getByTestId("signed-in-as")).toHaveCount(0);

    // 5. A fresh browser: wrong password refused, then the same progress.
    const page2 = await fresh.newPage();
    await signIn(page2, server.url, "e2e_ada", "wrong-password-1");
    await expect(page2.getByRole("alert").filter({ hasText: "Wrong username/email or password" })).toBeVisible();
    await signIn(page2, server.url, "e2e_ada");
    await page2.waitForURL(`${server.url}/dashboard`);
    const reviews = await count("ReviewLog", ada.id);
    await expect(page2.getByTestId("stat-attempts")).toHaveText(String(await count("Attempt", ada.id)));
    await expect(page2.getByTestId("stat-reviews")).toHaveText(String(reviews));
    await expect(page2.getByTestId("stat-current-streak")).toHaveText("1 day");
    await page2.goto(`${server.url}/questions/${question.slug}`);
    await expect(page2.getByTestId("attempts").locator("li")).toHaveCount(1);

    // 6. A second user sees none of it and cannot ask for it.
    const page3 = await other.newPage();
    await signUp(page3, server.url, "e2e_bob");
    await expect(page3.getByTestId("stat-attempts")).toHaveText("0");
    await page3.goto(`${server.url}/questions/${question.slug}`);
    await expect(page3.getByTestId("attempts").locator("li")).toHaveCount(0);
    const forbidden = await exportOf(other, server.url, `?userId=${ada.id}`);
    expect(forbidden.status()).toBe(403);
    const bobsOwn = await (await exportOf(other, server.url)).json();
    expect(bobsOwn.attempts).toEqual([]);
    const noSession = await browser.newContext();
    expect((await exportOf(noSession, server.url)).status()).toBe(401);
    await noSession.close();

    // 7. Export → import through the dashboard: the same file again adds nothing.
    const exported = await exportOf(fresh, server.url);
    expect(exported.status()).toBe(200);
    const text = await exported.text();
    expect(JSON.parse(text).attempts).toHaveLength(1);
    await page2.goto(`${server.url}/dashboard`);
    await page2
      .getByLabel("Import progress", { exact: true })
      .setInputFiles({ name: "progress.json", mimeType: "application/json", buffer: Buffer.from(text) });
    await page2.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page2.getByRole("status").filter({ hasText: "Imported:" })).toContainText(
      "Imported: 0 answers, 0 drill answers, 0 cards, 0 reviews, 0 quizzes.",
    );
    expect(await count("Attempt", ada.id)).toBe(1);
    const again = await (await exportOf(fresh, server.url)).text();
    const strip = (s: string) => s.replace(/"exportedAt": "[^"]+"/, "");
    expect(strip(again)).toBe(strip(text));
    // a malformed file is refused with a message
    await page2
      .getByLabel("Import progress", { exact: true })
      .setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from('{"version":1}') });
    await page2.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page2.getByRole("status").filter({ hasText: "not a GradLab progress export" })).toBeVisible();
  } finally {
    await first.close();
    await fresh.close();
    await other.close();
    await server.stop();
  }
});
