/**
 * Several app servers (docs/scaling.md): two production instances (`next start`) on one
 * PostgreSQL database behind nginx on loopback, round-robin. A learner signs up through the
 * proxy, reviews cards and answers a prediction question while requests alternate between the
 * instances, and a fresh browser sees every review exactly once. Then one instance is killed
 * (SIGKILL) in the middle of a burst of reviews: every review is acknowledged in the end (the
 * client retries with the same requestId), none is lost or stored twice, and the survivor keeps
 * serving. Runs in `npm run test:postgres` only (it needs the PostgreSQL server).
 */
import { randomUUID } from "node:crypto";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { gradePrediction } from "@/lib/grading/prediction";
import { parseSimConfig, simulate } from "@/lib/sim";
import { startProxy } from "@/scripts/nginx-proxy";
import { freePort } from "@/scripts/postgres-server";
import { sql } from "@/tests/support/e2e-database";
import { type AppServer, bank, e2eDatabaseUrl, resetDatabase, startServer } from "./support";

const DB_URL = e2eDatabaseUrl("e2e-scale");
const PASSWORD = "two-servers-one-db-2026";
// Both instances must sign cookies with the same secret, as an operator configures them.
const SHARED_ENV = { BETTER_AUTH_SECRET: "scale-test-secret-0123456789abcdef-0123456789" };

const reviewsOf = async (userId: string) =>
  sql<{ requestId: string }>(DB_URL, 'SELECT "requestId" FROM "ReviewLog" WHERE "userId" = ?', userId);

async function userIdByName(username: string): Promise<string> {
  const [row] = await sql<{ id: string }>(DB_URL, 'SELECT id FROM "User" WHERE username = ?', username);
  if (!row) throw new Error(`no user ${username}`);
  return row.id;
}

/** Records which instance answered each response that went through the proxy. */
function watchUpstreams(page: Page): Set<string> {
  const seen = new Set<string>();
  page.on("response", (r) => {
    const upstream = r.headers()["x-gradlab-upstream"];
    if (upstream) seen.add(upstream.split(",").pop()?.trim() ?? upstream);
  });
  return seen;
}

/** POSTs one review until the service acknowledges it, always with the same requestId. */
async function reviewUntilAcknowledged(
  request: APIRequestContext,
  base: string,
  questionSlug: string,
  requestId: string,
): Promise<{ attempts: number; replayed: boolean }> {
  for (let attempt = 1; attempt <= 20; attempt++) {
    try {
      const res = await request.post(`${base}/api/flashcards/review`, {
        data: { questionSlug, rating: 3, requestId },
        headers: { origin: base },
        timeout: 15_000,
      });
      if (res.status() === 200 || res.status() === 201) {
        return { attempts: attempt, replayed: (await res.json()).review.replayed === true };
      }
      expect(res.status(), await res.text()).toBeGreaterThanOrEqual(500); // only server-side failures are retried
    } catch (error) {
      if (!String(error).match(/ECONNRESET|socket hang up|ECONNREFUSED|Timeout|closed/i)) throw error;
    }
    await new Promise((r) => setTimeout(r, 100 * attempt));
  }
  throw new Error(`review ${requestId} never acknowledged`);
}

test("two instances behind nginx: alternating requests, one learner's reviews exactly once, a SIGKILL mid-burst loses nothing", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  await resetDatabase(DB_URL);
  const [portA, portB, proxyPort] = [await freePort(), await freePort(), await freePort()];
  const servers: AppServer[] = [];
  let proxy: Awaited<ReturnType<typeof startProxy>> | null = null;
  try {
    // Both start at once, as an operator's two `npm start`s would: db:setup runs once at a time.
    servers.push(...(await Promise.all([portA, portB].map((p) => startServer(p, DB_URL, SHARED_ENV)))));
    const [a, b] = servers as [AppServer, AppServer];
    proxy = await startProxy(proxyPort, [portA, portB]);
    const base = proxy.url;

    // 1. Sign up through the proxy, from the home page.
    const context = await browser.newContext({ baseURL: base });
    const page = await context.newPage();
    const upstreams = watchUpstreams(page);
    await page.goto("/");
    await page.getByRole("link", { name: "Sign up" }).first().click();
    await page.getByLabel("Username").fill("scale_ada");
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(/\/dashboard$/);
    const userId = await userIdByName("scale_ada");

    // 2. Review four cards with the keyboard; requests alternate between the instances.
    await page.goto("/flashcards");
    await expect(page.getByTestId("flashcard-session")).toHaveAttribute("data-ready", "true");
    for (let i = 0; i < 4; i++) {
      const slug = await page.getByTestId("flashcard").getAttribute("data-slug");
      await page.keyboard.press("Space");
      await page.keyboard.press("3");
      await expect(page.getByTestId("flashcard")).not.toHaveAttribute("data-slug", slug ?? "");
    }
    await expect.poll(async () => (await reviewsOf(userId)).length).toBe(4);

    // 3. A prediction question, graded by the engine on whichever instance gets it.
    const question = bank.find((q) => q.type === "prediction" && q.prediction.kind === "smallestGradient");
    if (question?.type !== "prediction") throw new Error("no smallestGradient prediction question");
    const engine = await gradePrediction(question.prediction, 1, (config) => {
      const parsed = parseSimConfig(config);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      return simulate(parsed.config, { timing: false });
    });
    await page.goto(`/questions/${question.slug}`);
    await page.getByRole("spinbutton", { name: /Layer|Time step/ }).fill(String(engine.expected));
    await page.getByRole("button", { name: "Commit my prediction" }).click();
    await expect(page.getByTestId("prediction-result")).toContainText("Correct.");
    expect([...upstreams].sort()).toEqual([`127.0.0.1:${portA}`, `127.0.0.1:${portB}`].sort());

    // 4. A fresh browser signs in: the dashboard shows every review exactly once.
    const fresh = await browser.newContext({ baseURL: base });
    const freshPage = await fresh.newPage();
    await freshPage.goto("/signin");
    await freshPage.getByLabel("Username or email").fill("scale_ada");
    await freshPage.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await freshPage.getByRole("button", { name: "Sign in" }).click();
    await freshPage.waitForURL(/\/dashboard$/);
    await expect(freshPage.getByTestId("stat-reviews")).toHaveText("4");
    await expect(freshPage.getByTestId("stat-attempts")).toHaveText("1");

    // 5. A burst of reviews; instance A is killed (SIGKILL) while it is under way.
    const slugs = bank.filter((q) => q.type === "flashcard").map((q) => q.slug);
    const burst = Array.from({ length: 40 }, (_, i) => ({ slug: slugs[i % slugs.length] ?? "", id: randomUUID() }));
    let acknowledged = 0;
    const killed = new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (acknowledged >= 8) {
          clearInterval(timer);
          a.kill();
          resolve();
        }
      }, 5);
    });
    const outcomes: { attempts: number; replayed: boolean }[] = [];
    const queue = [...burst];
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          outcomes.push(await reviewUntilAcknowledged(context.request, base, next.slug, next.id));
          acknowledged++;
        }
      }),
    );
    await killed;
    expect(outcomes).toHaveLength(burst.length);
    // Some requests were cut off by the kill and had to be retried.
    expect(outcomes.some((o) => o.attempts > 1)).toBe(true);

    // Every burst review stored exactly once, the four earlier ones untouched.
    const stored = await reviewsOf(userId);
    expect(stored).toHaveLength(4 + burst.length);
    expect(new Set(stored.map((r) => r.requestId)).size).toBe(stored.length);
    for (const { id } of burst) expect(stored.filter((r) => r.requestId === id)).toHaveLength(1);

    // 6. The survivor keeps serving everything, alone.
    for (let i = 0; i < 4; i++) {
      const res = await fresh.request.get(`${base}/questions`);
      expect(res.status()).toBe(200);
      expect(res.headers()["x-gradlab-upstream"]).toContain(`127.0.0.1:${portB}`);
    }
    await freshPage.reload();
    await expect(freshPage.getByTestId("stat-reviews")).toHaveText(String(4 + burst.length));
    await b.stop();
    await context.close();
    await fresh.close();
  } finally {
    proxy?.stop();
    for (const s of servers) s.kill();
  }
});
