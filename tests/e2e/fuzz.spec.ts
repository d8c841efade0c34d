/**
 * Bad input gets a 4xx, never a 5xx (issue 9): property-based requests (fast-check) against the
 * production server over HTTP — every route handler with random methods, query parameters,
 * headers, cookies and bodies; every server action posted the way Next.js posts them (with
 * JavaScript: a Next-Action header and a multipart reply; without: a form with $ACTION_ fields),
 * well-formed and malformed; every page with random query parameters and cookies; oversized
 * bodies. Then the database is read back: everything stored is something its reader accepts.
 *
 * Its own server and database (a fuzz run trips every rate limit of its address), trusting
 * loopback as a proxy so that some requests can speak for other clients.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { type APIRequestContext, expect, request as playwrightRequest, test } from "@playwright/test";
import fc from "fast-check";
import { StoredCardSchema } from "@/lib/flashcards/stored-card";
import { isTimeZone } from "@/lib/i18n/time-zones";
import { ATTEMPT_PAYLOADS } from "@/lib/progress/attempt-payloads";
import { ATTEMPT_KINDS } from "@/lib/progress/attempts";
import { QuizQuestionsSchema, StoredQuizSettingsSchema } from "@/lib/quiz/settings";
import { sql } from "@/tests/support/e2e-database";
import { bank, E2E_PORT, e2eDatabaseUrl, ROOT, resetDatabase, startServer } from "./support";

const PORT = E2E_PORT + 2;
const DB_URL = e2eDatabaseUrl("e2e-fuzz");
/** Requests per property; the whole file sends a few thousand. */
const RUNS = 60;

type Server = Awaited<ReturnType<typeof startServer>>;
let server: Server;
let api: APIRequestContext;
const tally = { requests: 0, byClass: new Map<string, number>() };

test.describe.configure({ mode: "serial" });

// One seed per run, printed, so a failure found in CI can be replayed (FUZZ_SEED=<seed>); CI runs
// the fixed default so that its result is reproducible, and FUZZ_SEED=random explores further.
const FUZZ_SEED = process.env.FUZZ_SEED === "random" ? Date.now() % 2 ** 31 : Number(process.env.FUZZ_SEED ?? 1);
fc.configureGlobal({ seed: FUZZ_SEED });
console.log(`fuzz seed: ${FUZZ_SEED}`);

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await resetDatabase(DB_URL);
  server = await startServer(PORT, DB_URL, { TRUSTED_PROXIES: "loopback" });
  api = await playwrightRequest.newContext({ baseURL: server.url, timeout: 30_000 });
});

test.afterAll(async () => {
  await api?.dispose();
  await server?.stop();
  const classes = [...tally.byClass].map(([k, v]) => `${k}: ${v}`).join(", ");
  console.log(`fuzz: ${tally.requests} requests (${classes})`);
});

/**
 * Sends one request (through the shared context, with the cookies the run has collected, unless
 * `via` says otherwise) and checks the one property that matters: no 5xx, and a 4xx says something.
 */
async function send(
  url: string,
  opts: {
    method?: string;
    headers?: Record<string, string>;
    data?: string | Buffer;
    multipart?: Record<string, string>;
  },
  via: APIRequestContext = api,
): Promise<number> {
  const res = await via.fetch(url, {
    method: opts.method ?? "GET",
    headers: opts.headers,
    data: opts.data,
    multipart: opts.multipart,
    maxRedirects: 0,
  });
  const status = res.status();
  tally.requests++;
  const cls = `${Math.floor(status / 100)}xx`;
  tally.byClass.set(cls, (tally.byClass.get(cls) ?? 0) + 1);
  const body = await res.text();
  expect(status, `${opts.method ?? "GET"} ${url} → ${status}: ${body.slice(0, 300)}`).toBeLessThan(500);
  // 405 (a method the route does not have) is Next.js's own, with an Allow header and no body
  if (status >= 400 && status !== 405) {
    expect(body.trim().length, `${url} → ${status} says nothing`).toBeGreaterThan(0);
    expect(body).not.toMatch(/\n\s+at [\w.<>]+ \(|node_modules\//); // no stack trace
  }
  return status;
}

// ---- generators ---------------------------------------------------------------------------------

const nasty = fc.constantFrom(
  "__proto__",
  "constructor",
  "hasOwnProperty",
  "toString",
  "%E0%A4%A",
  "%",
  "\u0000",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "-1",
  "1e309",
  "NaN",
  "",
  "x".repeat(5000),
);
const value = fc.oneof(fc.string({ maxLength: 40 }), fc.integer().map(String), nasty);
const QUERY_KEYS = [
  "lang",
  "topic",
  "difficulty",
  "type",
  "q",
  "status",
  "answer",
  "userId",
  "user",
  "next",
  "model",
  "depth",
  "width",
  "train.steps",
  "a.model",
  "a.depth",
  "a.__proto__",
  "b.model",
  "c.steps",
  "op",
  "seed",
  "__proto__",
  "constructor",
];
const queryString = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 10 })), value), { maxLength: 6 })
  .map((pairs) =>
    pairs.map(([k, v]) => `${encodeURIComponent(k)}=${Math.random() < 0.2 ? v : encodeURIComponent(v)}`).join("&"),
  );

/** Cookies a browser (or a sibling subdomain) might send. */
const cookie = fc.oneof(
  fc.constant(""),
  fc.constant("gradlab_session=%E0%A4%A"),
  fc.string({ maxLength: 60 }).map((s) => `gradlab_session=${s}`),
  fc.constant("better-auth.session_token=garbage.sig"),
  fc.constant("NEXT_LOCALE=xx; gradlab_theme=%"),
  fc.string({ maxLength: 80 }),
);
const origin = fc.constantFrom<string | undefined>(
  undefined,
  "SELF",
  "https://evil.example",
  "null",
  "http://127.0.0.1:1",
);
const clientAddress = fc.constantFrom<string | undefined>(undefined, "203.0.113.5", "unknown", "2001:db8::1, 10.0.0.1");

function headersOf(
  h: { cookie: string; origin: string | undefined; xff: string | undefined },
  extra: Record<string, string> = {},
) {
  const out: Record<string, string> = { ...extra };
  if (h.cookie) out.cookie = h.cookie;
  if (h.origin) out.origin = h.origin === "SELF" ? server.url : h.origin;
  if (h.xff) out["x-forwarded-for"] = h.xff;
  return out;
}
const requestHeaders = fc.record({ cookie, origin, xff: clientAddress });

const deepJson = fc.integer({ min: 20, max: 20_000 }).map((d) => `${"[".repeat(d)}${"]".repeat(d)}`);
const jsonBody = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  deepJson,
  fc.constant('{"__proto__":{"admin":true},"constructor":{"prototype":{}}}'),
);

const slug = fc.oneof(fc.constantFrom(...bank.map((q) => q.slug)), fc.string({ maxLength: 30 }), nasty);
const reviewBody = fc
  .record({
    questionSlug: slug,
    rating: fc.oneof(fc.integer({ min: -2, max: 6 }), fc.string({ maxLength: 3 })),
    requestId: fc.oneof(fc.uuid(), fc.string({ maxLength: 50 })),
  })
  .map((b) => JSON.stringify(b));
const contentType = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "text/plain",
  "multipart/form-data; boundary=zz",
  "application/x-www-form-urlencoded",
  "",
);

// ---- route handlers -----------------------------------------------------------------------------

const GET_ROUTES = [
  "/api/questions",
  "/api/deck/anki",
  "/api/deck/csv",
  "/api/progress/export",
  "/api/simulate",
  "/api/simulate/csv",
  "/api/auth/get-session",
];
const POST_ROUTES = [
  "/api/flashcards/review",
  "/api/flashcards/undo",
  "/api/progress/import",
  "/api/simulate",
  "/api/auth/sign-in/email",
  "/api/auth/sign-in/username",
  "/api/auth/sign-up/email",
  "/api/auth/update-user",
  "/api/auth/change-password",
  "/api/auth/sign-out",
];

test("every route handler answers random queries, headers and cookies with 2xx–4xx", async () => {
  test.setTimeout(300_000);
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...GET_ROUTES), queryString, requestHeaders, async (route, query, h) => {
      await send(`${route}?${query}`, { headers: headersOf(h) });
    }),
    { numRuns: RUNS * 3 },
  );
});

test("every mutating route handler answers random bodies with 2xx–4xx", async () => {
  test.setTimeout(300_000);
  const body = fc.oneof(jsonBody, reviewBody);
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...POST_ROUTES),
      body,
      contentType,
      requestHeaders,
      fc.constantFrom("POST", "PUT", "DELETE", "PATCH"),
      async (route, data, type, h, method) => {
        await send(route, {
          method: Math.random() < 0.8 ? "POST" : method,
          data,
          headers: headersOf(h, type ? { "content-type": type } : {}),
        });
      },
    ),
    { numRuns: RUNS * 4 },
  );
});

// ---- server actions -----------------------------------------------------------------------------

/**
 * Every server action the build holds (Next.js's server reference manifest), with a page it can be
 * posted to: the route of the first page that imports it.
 */
function allActions(): Map<string, { name: string; page: string }> {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName: string; workers: Record<string, unknown> }>;
  };
  const urlOf = (worker: string): string | null => {
    const route = worker
      .replace(/^app/, "")
      .replace(/\/page$/, "")
      .replace(/\/\([^)]+\)/g, "");
    if (route.includes("_not-found")) return null;
    return route.replace("[slug]", bank[0]?.slug ?? "x").replace("[id]", "not-a-quiz") || "/";
  };
  const out = new Map<string, { name: string; page: string }>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    const page = Object.keys(entry.workers)
      .map(urlOf)
      .find((u) => u !== null);
    out.set(id, { name: entry.exportedName, page: page ?? "/" });
  }
  return out;
}

const REPLY_STRINGS = [
  "$K1",
  "$K2",
  "$@1",
  "$@5",
  "$Q2",
  "$W3",
  "$h1",
  "$T",
  "$undefined",
  "$D2026-01-01",
  "$n9",
  "$$x",
  "$",
];
const replyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(...REPLY_STRINGS),
  fc.string({ maxLength: 8 }).map((s) => `$${s}`),
);
const replyRoot = fc.oneof(
  fc.array(replyValue, { maxLength: 4 }).map((a) => JSON.stringify(a)),
  fc.constant('[{"ok":true},"$K1"]'),
  fc.constant('["$K1"]'),
  jsonBody,
);
const formFields = fc.dictionary(
  fc.oneof(
    fc.constantFrom(
      "1_slug",
      "1_score",
      "1_option",
      "1_locale",
      "1_theme",
      "1_password",
      "1_identifier",
      "1_quizId",
      "1_timeZone",
    ),
    fc.string({ maxLength: 12 }),
  ),
  fc.oneof(value, fc.constantFrom(...bank.slice(0, 5).map((q) => q.slug))),
  { maxKeys: 6 },
);

test("every server action answers payloads posted the way Next.js posts them — and malformed ones — with 2xx–4xx", async () => {
  test.setTimeout(420_000);
  const all = allActions();
  // the 19 actions of app/**/actions.ts, and the 4 "use cache" functions of the answer page's body
  // (app/questions/[slug]/body.tsx), which Next.js registers as server references too: a hostile
  // client can post to those ids as well
  expect([...all.values()].map((a) => a.name).sort()).toEqual([
    "$$RSC_SERVER_CACHE_0",
    "$$RSC_SERVER_CACHE_1",
    "$$RSC_SERVER_CACHE_2",
    "$$RSC_SERVER_CACHE_3",
    "addMistakesToFlashcards",
    "answerChoice",
    "answerDrill",
    "answerQuizChoice",
    "answerQuizPrediction",
    "answerQuizRecall",
    "commitPrediction",
    "fitOrResetParameters",
    "gradeRecall",
    "retryMistakes",
    "revealAnswer",
    "saveSettings",
    "setLocale",
    "setTheme",
    "signIn",
    "signOut",
    "signOutEverywhere",
    "signUp",
    "startQuiz",
  ]);

  const actions = new Map([...all].map(([id, a]) => [id, a.page]));
  const ids = [...actions.keys()];
  const actionId = fc.oneof(fc.constantFrom(...ids), fc.constantFrom("00ff", "x".repeat(42), ""));

  // with JavaScript: Next-Action header, multipart reply (root "0" and the form's fields)
  await fc.assert(
    fc.asyncProperty(actionId, replyRoot, formFields, requestHeaders, async (id, root, fields, h) => {
      const page = actions.get(id) ?? "/";
      await send(page, {
        method: "POST",
        headers: headersOf({ ...h, origin: h.origin ?? "SELF" }, { "next-action": id }),
        multipart: { "0": root, ...fields },
      });
    }),
    { numRuns: RUNS * 4 },
  );
  // with JavaScript, but not a form: a text body, a bad multipart
  await fc.assert(
    fc.asyncProperty(actionId, jsonBody, contentType, async (id, data, type) => {
      await send(actions.get(id) ?? "/", {
        method: "POST",
        headers: { "next-action": id, origin: server.url, ...(type ? { "content-type": type } : {}) },
        data,
      });
    }),
    { numRuns: RUNS * 2 },
  );
  // without JavaScript: $ACTION_ID_<id> or $ACTION_REF_<n> with metadata and bound arguments
  await fc.assert(
    fc.asyncProperty(
      actionId,
      fc.boolean(),
      fc.oneof(fc.constant('{"id":"ID","bound":"$@1"}'), fc.constant('{"id":"ID","bound":null}'), jsonBody),
      replyRoot,
      formFields,
      async (id, byRef, meta, bound, fields) => {
        const multipart: Record<string, string> = byRef
          ? { $ACTION_REF_1: "", "$ACTION_1:0": meta.replace("ID", id), "$ACTION_1:1": bound, $ACTION_KEY: "k" }
          : { [`$ACTION_ID_${id}`]: "" };
        for (const [k, v] of Object.entries(fields)) multipart[k.replace(/^1_/, "")] = v;
        await send(actions.get(id) ?? "/", { method: "POST", headers: { origin: server.url }, multipart });
      },
    ),
    { numRuns: RUNS * 3 },
  );
});

// ---- pages --------------------------------------------------------------------------------------

test("every page answers random query parameters and cookies with 2xx–4xx", async () => {
  test.setTimeout(300_000);
  const pages = fc.constantFrom(
    "/",
    "/questions",
    "/lab",
    "/quiz",
    "/flashcards",
    "/dashboard",
    "/settings",
    "/signin",
    "/signup",
    `/questions/${bank[0]?.slug}`,
  );
  const page = fc.oneof(
    pages,
    slug.map((s) => `/questions/${encodeURIComponent(s)}`),
    fc.string({ maxLength: 12 }).map((s) => `/quiz/${encodeURIComponent(s)}`),
  );
  await fc.assert(
    fc.asyncProperty(page, queryString, requestHeaders, async (p, query, h) => {
      await send(`${p}?${query}`, { headers: headersOf(h) });
    }),
    { numRuns: RUNS * 3 },
  );
});

test("oversized bodies are refused early with 413", async () => {
  const big = Buffer.alloc(2 * 1024 * 1024, 0x61);
  expect(
    await send("/", {
      method: "POST",
      data: big,
      headers: { origin: server.url, "content-type": "multipart/form-data; boundary=zz" },
    }),
  ).toBe(413);
  expect(
    await send("/api/flashcards/review", {
      method: "POST",
      data: big,
      headers: { "content-type": "application/json" },
    }),
  ).toBe(413);
  expect(
    await send("/api/simulate", { method: "POST", data: big, headers: { "content-type": "application/json" } }),
  ).toBe(413);
  // imports need an account: a stranger's upload is refused (401) before its body is read at all —
  // a stranger without cookies (the shared context may keep a guest's from the fuzzing above,
  // which gets 403 instead: FUZZ_SEED=7)
  const huge = Buffer.alloc(6 * 1024 * 1024, 0x61);
  const stranger = await playwrightRequest.newContext({ baseURL: server.url, timeout: 30_000 });
  try {
    const headers = { "content-type": "application/json" };
    expect(await send("/api/progress/import", { method: "POST", data: huge, headers }, stranger)).toBe(401);
  } finally {
    await stranger.dispose();
  }
});

// ---- what was stored ----------------------------------------------------------------------------

test("everything the fuzzing stored is something its reader accepts", async () => {
  // JSON comes back as text on both databases (tests/support/e2e-database.ts)
  const json = (s: string | null) => (s === null ? null : (JSON.parse(s) as unknown));
  const attempts = await sql<{ kind: string; response: string | null; expected: string | null }>(
    DB_URL,
    'SELECT kind, response, expected FROM "Attempt"',
  );
  for (const a of attempts) {
    expect(ATTEMPT_KINDS).toContain(a.kind);
    const schemas = ATTEMPT_PAYLOADS[a.kind as (typeof ATTEMPT_KINDS)[number]];
    expect(schemas.response.safeParse(json(a.response)).success, a.response ?? "null").toBe(true);
    expect(schemas.expected.safeParse(json(a.expected)).success, a.expected ?? "null").toBe(true);
  }
  for (const r of await sql<{ previousCard: string | null }>(DB_URL, 'SELECT "previousCard" FROM "ReviewLog"'))
    expect(StoredCardSchema.nullable().safeParse(json(r.previousCard)).success, r.previousCard ?? "null").toBe(true);
  for (const q of await sql<{ settings: string; questionIds: string }>(
    DB_URL,
    'SELECT settings, "questionIds" FROM "QuizSession"',
  )) {
    expect(StoredQuizSettingsSchema.safeParse(json(q.settings)).success).toBe(true);
    expect(QuizQuestionsSchema.safeParse(json(q.questionIds)).success).toBe(true);
  }
  for (const u of await sql<{ name: string; image: string | null; locale: string; timeZone: string }>(
    DB_URL,
    'SELECT name, image, locale, "timeZone" FROM "User"',
  )) {
    expect(isTimeZone(u.timeZone)).toBe(true);
    expect(["en", "zh"]).toContain(u.locale);
    expect([...u.name].length).toBeLessThanOrEqual(60);
    if (u.image !== null) expect(u.image).toMatch(/^https:\/\//);
  }
});
