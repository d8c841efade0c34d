/**
 * The production server's page cache (ADR 40, lib/http/page-cache.ts) as visitors meet it: a
 * visitor without a session gets the public pages from the cache — each copy with a nonce of its
 * own in the CSP and on every script, so the page still hydrates and works with the CSP on — in
 * their language; a learner with a session (a guest, an account) always gets their own page, and
 * their page is never stored for anyone else.
 */
import { type APIResponse, expect, type Page, test } from "@playwright/test";
import { bank } from "./support";

const ANSWER = "/questions/he-initialization-factor-two?answer=1";

const nonceOfHeader = (res: { headers(): Record<string, string> }) =>
  /'nonce-([^']+)'/.exec(res.headers()["content-security-policy"] ?? "")?.[1] ?? "";

/** Every nonce attribute of a document's HTML, and every `"nonce":"…"` of its RSC payload. */
const noncesInBody = (html: string) => [
  ...[...html.matchAll(/\bnonce="([^"]+)"/g)].map((m) => m[1]),
  ...[...html.matchAll(/\\"nonce\\":\\"([^\\"]+)\\"/g)].map((m) => m[1]),
];

/** Fetches `path` until the server answers it from the cache (the first fetch may be the one that stores it). */
async function cached(get: () => Promise<APIResponse>): Promise<APIResponse> {
  for (let i = 0; i < 3; i++) {
    const res = await get();
    if (res.headers()["x-gradlab-cache"] === "hit") return res;
  }
  throw new Error("never answered from the page cache");
}

/**
 * Collects the page's CSP violations of scripts and elements (a script without the right nonce
 * would be one). An `eval` a library tries is refused by the policy by design (no 'unsafe-eval',
 * ADR 26), cache or not, and is not what this is about.
 */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("__cspViolation", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      if (e.blockedURI === "eval") return;
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      );
    });
  });
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text()) && !/\beval\b/.test(m.text()))
      violations.push(m.text());
  });
  return violations;
}

test("a visitor without a session: the second copy comes from the cache with a nonce of its own, in the header and on every script", async ({
  request,
}) => {
  const first = await request.get(ANSWER);
  expect(first.status()).toBe(200);
  const hit = await cached(() => request.get(ANSWER));
  expect(hit.status()).toBe(200);
  const [firstNonce, hitNonce] = [nonceOfHeader(first), nonceOfHeader(hit)];
  expect(firstNonce).not.toBe("");
  expect(hitNonce).not.toBe("");
  expect(hitNonce).not.toBe(firstNonce);
  const [firstBody, hitBody] = [await first.text(), await hit.text()];
  const inHit = noncesInBody(hitBody);
  expect(inHit.length).toBeGreaterThan(3);
  expect(new Set(inHit)).toEqual(new Set([hitNonce]));
  expect(new Set(noncesInBody(firstBody))).toEqual(new Set([firstNonce]));
  expect(hitBody).not.toContain(firstNonce);
  // otherwise the same page
  expect(hitBody.replaceAll(hitNonce, "N")).toBe(firstBody.replaceAll(firstNonce, "N"));
  // the security headers as proxy.ts and next.config.js set them
  for (const name of ["x-content-type-options", "x-frame-options", "referrer-policy", "permissions-policy"]) {
    expect(hit.headers()[name], name).toBe(first.headers()[name]);
  }
  expect(hit.headers()["content-security-policy"]).toBe(
    first.headers()["content-security-policy"]?.replace(firstNonce, hitNonce),
  );
  // React's preload Link header, when it has one, names the copy's own nonce too
  expect(hit.headers().link ?? "").not.toContain(firstNonce);
  // a third copy again has its own
  const third = await request.get(ANSWER);
  expect(nonceOfHeader(third)).not.toBe(hitNonce);
  expect(nonceOfHeader(third)).not.toBe(firstNonce);
});

test("a cached home page hydrates with the CSP on: the header link to the questions, a question, its answer and its chart", async ({
  browser,
  request,
}) => {
  await cached(() => request.get("/")); // stored for an English visitor without a session
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  const violations = await watchCsp(page);
  const home = await page.goto("/");
  expect(home?.headers()["x-gradlab-cache"]).toBe("hit");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.locator("header").getByRole("link", { name: "Questions", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Questions" })).toBeVisible();
  const question = bank.find((q) => q.slug === "he-initialization-factor-two");
  if (!question) throw new Error("no he-initialization-factor-two in the bank");
  await page.getByTestId("question-list").getByRole("link", { name: question.title.en, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: question.title.en })).toBeVisible();
  await page.getByRole("button", { name: "Reveal the answer" }).click();
  await expect(page).toHaveURL(/\?answer=1(#answer)?$/);
  await expect(page.locator("figure svg.recharts-surface").first()).toBeVisible({ timeout: 20_000 });
  expect(violations).toEqual([]);
  await context.close();

  // the answer page itself from the cache, loaded as a document: its charts are drawn by the browser
  await cached(() => request.get(ANSWER));
  const fresh = await browser.newContext({ locale: "en-US" });
  const answer = await fresh.newPage();
  const answerViolations = await watchCsp(answer);
  const res = await answer.goto(ANSWER);
  expect(res?.headers()["x-gradlab-cache"]).toBe("hit");
  await expect(answer.locator("figure svg.recharts-surface").first()).toBeVisible({ timeout: 20_000 });
  // a client control works: the chart switches what it shows
  const chart = answer.getByTestId("profile-layer").first();
  await chart.getByRole("radio", { name: /weight gradient/ }).check();
  await expect(chart.getByRole("img", { name: /^Gradient norm \(weight gradient/ })).toBeVisible();
  expect(answerViolations).toEqual([]);
  await fresh.close();
});

test("the language decides the copy: a zh cookie or a Chinese browser gets the Chinese page, an English one the English page", async ({
  browser,
  request,
}) => {
  const zh = await cached(() => request.get("/questions", { headers: { cookie: "NEXT_LOCALE=zh" } }));
  const zhText = await zh.text();
  expect(zhText).toMatch(/<html lang="zh-CN"/);
  expect(zhText).toContain("题库");
  const en = await cached(() => request.get("/questions"));
  expect(await en.text()).toMatch(/<html lang="en"/);

  // a browser asking for Chinese, from the home page: the Chinese copy, then the switch to English
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await cached(() => request.get("/", { headers: { "accept-language": "zh-CN,zh;q=0.9" } }));
  const home = await page.goto("/");
  expect(home?.headers()["x-gradlab-cache"]).toBe("hit");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.locator("header").getByRole("link", { name: "题库", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "题库" })).toBeVisible();
  await page.getByRole("button", { name: /English/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  const again = await page.reload();
  expect(await again?.text()).toMatch(/<html lang="en"/);
  await context.close();
});

test("a learner with a session always gets their own page, and theirs is never stored for a visitor without one", async ({
  browser,
  request,
}) => {
  // a question few other tests open, in a variant of its own (Chinese, light theme)
  const question = bank.filter((q) => q.type === "flashcard").at(-1);
  if (!question) throw new Error("no flashcard question");
  const url = `/questions/${question.slug}?answer=1`;
  const variant = { cookie: "NEXT_LOCALE=zh; gradlab_theme=light" };

  // A guest: revealing the answer makes them one; their page lists their attempt, and is rendered for them.
  const context = await browser.newContext({ locale: "zh-CN" });
  await context.addCookies([
    { name: "gradlab_theme", value: "light", url: test.info().project.use.baseURL ?? "" },
    { name: "NEXT_LOCALE", value: "zh", url: test.info().project.use.baseURL ?? "" },
  ]);
  const page = await context.newPage();
  await page.goto(`/questions/${question.slug}`);
  await page.getByRole("button", { name: "查看答案" }).click();
  await expect(page).toHaveURL(/\?answer=1(#answer)?$/);
  const attempts = page.getByTestId("attempts").locator("li");
  await expect(attempts).toHaveCount(1);
  const own = await page.reload();
  expect(own?.headers()["x-gradlab-cache"]).toBe("bypass");
  await expect(attempts).toHaveCount(1);

  // The visitor without a session, same language and theme: not the guest's page.
  const anonymous = await request.get(url, { headers: variant });
  expect(anonymous.headers()["x-gradlab-cache"]).toBe("miss");
  const anonymousHtml = await anonymous.text();
  expect(anonymousHtml).toMatch(/<html lang="zh-CN" data-theme="light"/);
  expect(anonymousHtml).not.toMatch(/<ol class="attempts">/);
  const stored = await cached(() => request.get(url, { headers: variant }));
  expect(await stored.text()).not.toMatch(/<ol class="attempts">/);

  // …and the cached anonymous page is never the guest's: theirs still lists their attempt.
  const ownAgain = await page.reload();
  expect(ownAgain?.headers()["x-gradlab-cache"]).toBe("bypass");
  await expect(attempts).toHaveCount(1);
  await context.close();

  // An account, signed up from the home page: its pages are its own too.
  const account = await browser.newContext();
  const signedIn = await account.newPage();
  await signedIn.goto("/");
  await signedIn.getByRole("link", { name: "Sign up" }).click();
  await signedIn.getByLabel("Username").fill(`cache_${Date.now().toString(36)}`);
  await signedIn.getByLabel("Password", { exact: true }).fill("vanishing-grads-2026");
  await signedIn.getByRole("button", { name: "Create account" }).click();
  await expect(signedIn).toHaveURL(/\/dashboard$/);
  await cached(() => request.get("/"));
  for (const path of ["/", "/questions", ANSWER]) {
    const res = await signedIn.goto(path);
    expect(res?.headers()["x-gradlab-cache"], path).toBe("bypass");
    await expect(signedIn.getByTestId("account-menu")).toBeVisible();
  }
  await account.close();
});
