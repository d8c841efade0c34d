import { describe, expect, it } from "vitest";
import {
  cacheablePath,
  cacheKey,
  createPageCache,
  type FinishedResponse,
  nonceOf,
  type PageRequest,
  type StoredPage,
  servedCopy,
  shareableCookies,
  storable,
} from "@/lib/http/page-cache";
import { newNonce, pageContentSecurityPolicy } from "@/lib/http/security-headers";
import { SHARED_PAGE_RULES as RULES } from "@/lib/ui/shared-page-rules";

const get = (url: string, headers: PageRequest["headers"] = {}): PageRequest => ({ method: "GET", url, headers });
const keyOf = (req: PageRequest) => cacheKey(req, RULES, "build:engine")?.key ?? null;

describe("which requests the page cache may answer", () => {
  it("takes the public content pages with their canonical queries only", () => {
    expect(cacheablePath("/", RULES)).toBe("/");
    expect(cacheablePath("/questions", RULES)).toBe("/questions");
    expect(cacheablePath("/questions?topic=initialization", RULES)).toBe("/questions?topic=initialization");
    expect(cacheablePath("/questions/he-initialization-factor-two", RULES)).toBe(
      "/questions/he-initialization-factor-two",
    );
    expect(cacheablePath("/questions/he-initialization-factor-two?answer=1", RULES)).toBe(
      "/questions/he-initialization-factor-two?answer=1",
    );
  });

  it("bypasses an unknown parameter, a second value, an unknown topic, a slug that is not one, and every other route", () => {
    for (const url of [
      "/?x=1",
      "/questions?topic=initialization&x=1",
      "/questions?topic=initialization&topic=normalization",
      "/questions?topic=nonsense",
      "/questions?q=relu",
      "/questions?status=new",
      "/questions?_rsc=abc",
      "/questions/he-initialization-factor-two?answer=0",
      "/questions/he-initialization-factor-two?answer=1&answer=1",
      "/questions/he-initialization-factor-two?answer=1&_rsc=1",
      "/questions/he-initialization-factor-two/",
      "/questions/He-Initialization",
      "/questions/%E0%A4%A",
      "/questions/random",
      "/questions/a/b",
      `/questions/${"a".repeat(200)}`,
      "/dashboard",
      "/quiz",
      "/lab?a.model=mlp",
      "/api/questions",
      "/_next/static/chunks/x.js",
      "//evil.example/",
      "*",
    ]) {
      expect(cacheablePath(url, RULES), url).toBeNull();
    }
  });

  it("serves visitors without a session only: a session, a guest, a device or an unknown cookie bypasses", () => {
    const page = "/questions";
    expect(keyOf(get(page))).not.toBeNull();
    expect(
      keyOf(get(page, { cookie: "NEXT_LOCALE=zh; gradlab_theme=dark; gradlab_tz=Asia%2FShanghai" })),
    ).not.toBeNull();
    for (const cookie of [
      "gradlab_session=abc",
      "better-auth.session_token=abc",
      "__Secure-better-auth.session_token=abc",
      "better-auth.session_data=abc",
      "gradlab_device=a.b.c",
      "NEXT_LOCALE=zh; gradlab_session=abc",
      "something_else=1",
      // a repeated preference: which one the app reads is not ours to guess
      "NEXT_LOCALE=en; NEXT_LOCALE=zh",
      // a value the app would decode before reading
      "NEXT_LOCALE=%7A%68",
      'gradlab_theme="dark"',
    ]) {
      expect(keyOf(get(page, { cookie })), cookie).toBeNull();
    }
    expect(shareableCookies("NEXT_LOCALE=zh; ; gradlab_theme=light", RULES)).toEqual(
      new Map([
        ["NEXT_LOCALE", "zh"],
        ["gradlab_theme", "light"],
      ]),
    );
  });

  it("bypasses Next.js's client router, actions, methods other than GET/HEAD and crawlers", () => {
    for (const name of ["rsc", "next-router-prefetch", "next-router-state-tree", "next-action", "next-url"]) {
      expect(keyOf(get("/", { [name]: "1" })), name).toBeNull();
    }
    expect(cacheKey({ method: "POST", url: "/", headers: {} }, RULES, "p")).toBeNull();
    expect(cacheKey({ method: "HEAD", url: "/", headers: {} }, RULES, "p")).not.toBeNull();
    const bot = (ua: string) => /Googlebot/.test(ua);
    expect(cacheKey(get("/", { "user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1)" }), RULES, "p", bot)).toBeNull();
    expect(cacheKey(get("/", { "user-agent": "Mozilla/5.0 Chrome/130" }), RULES, "p", bot)).not.toBeNull();
  });

  it("keys by what the page renders with: the language (cookie, else Accept-Language), the theme, https — not by the raw headers", () => {
    const en = keyOf(get("/"));
    expect(keyOf(get("/", { "accept-language": "en-GB,en;q=0.9" }))).toBe(en);
    expect(keyOf(get("/", { "accept-language": "fr-FR" }))).toBe(en); // the default language
    expect(keyOf(get("/", { cookie: "NEXT_LOCALE=en", "accept-language": "zh-CN" }))).toBe(en);
    const zh = keyOf(get("/", { cookie: "NEXT_LOCALE=zh" }));
    expect(zh).not.toBe(en);
    expect(keyOf(get("/", { "accept-language": "zh-CN,zh;q=0.9" }))).toBe(zh);
    // an unknown language cookie falls back to Accept-Language, as the app does
    expect(keyOf(get("/", { cookie: "NEXT_LOCALE=fr", "accept-language": "zh" }))).toBe(zh);
    expect(keyOf(get("/", { cookie: "gradlab_theme=system" }))).toBe(en);
    expect(keyOf(get("/", { cookie: "gradlab_theme=bogus" }))).toBe(en);
    expect(keyOf(get("/", { cookie: "gradlab_theme=dark" }))).not.toBe(en);
    expect(keyOf(get("/", { "x-forwarded-proto": "https" }))).not.toBe(en);
    expect(keyOf(get("/", { cookie: "gradlab_tz=UTC" }))).toBe(en);
    expect(cacheKey(get("/"), RULES, "other-build")?.key).not.toBe(cacheKey(get("/"), RULES, "build")?.key);
    expect(keyOf(get("/questions"))).not.toBe(keyOf(get("/questions?topic=initialization")));
  });
});

/** A page as Next.js renders it: the nonce on its scripts and in its RSC payload. */
function rendered(nonce: string, opts: { lang?: string; theme?: string; filler?: string } = {}): FinishedResponse {
  const theme = opts.theme ? ` data-theme="${opts.theme}"` : "";
  const body =
    `<!DOCTYPE html><html lang="${opts.lang ?? "en"}"${theme}><head><script src="/_next/a.js" nonce="${nonce}" async=""></script></head>` +
    `<body>${opts.filler ?? "<p>GradLab</p>"}<script nonce="${nonce}">self.__next_f.push([1,"{\\"nonce\\":\\"${nonce}\\"}"])</script></body></html>`;
  return {
    status: 200,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": pageContentSecurityPolicy({ nonce, dev: false, https: false }),
      "x-frame-options": "DENY",
      vary: "rsc, Accept-Encoding",
      date: "Wed, 02 Dec 2026 04:00:00 GMT",
      "content-length": 123,
      "x-gradlab-cache": "miss",
    },
    body: Buffer.from(body),
    metOutage: false,
  };
}

const EN = { locale: "en", theme: "system", https: false };

function stored(response: FinishedResponse, variant = EN): StoredPage {
  const result = storable(response, variant, RULES, 1000);
  if (!("page" in result)) throw new Error(`not stored: ${result.refused}`);
  return result.page;
}

describe("what the page cache stores", () => {
  it("a complete 200 HTML page without Set-Cookie, keeping the page's headers and dropping the response's own", () => {
    const page = stored(rendered(newNonce()));
    const names = page.headers.map(([n]) => n);
    expect(names).toEqual(expect.arrayContaining(["content-type", "x-frame-options", "vary"]));
    expect(names).not.toEqual(expect.arrayContaining(["date"]));
    for (const dropped of ["date", "content-length", "x-gradlab-cache", "content-security-policy"]) {
      expect(names).not.toContain(dropped);
    }
  });

  it("nothing that is not that: another status, a Set-Cookie, an outage, another type, an encoded body, no nonce", () => {
    const nonce = newNonce();
    const base = rendered(nonce);
    const refused = (change: Partial<FinishedResponse>, variant = EN) => {
      const result = storable({ ...base, ...change }, variant, RULES, 0);
      return "refused" in result ? result.refused : "stored";
    };
    expect(refused({ status: 404 })).toBe("status");
    expect(refused({ status: 503 })).toBe("status");
    expect(refused({ status: 500 })).toBe("status");
    expect(refused({ metOutage: true })).toBe("outage");
    expect(refused({ headers: { ...base.headers, "set-cookie": ["gradlab_session=x"] } })).toBe("set-cookie");
    expect(refused({ headers: { ...base.headers, "content-type": "text/x-component" } })).toBe("content-type");
    expect(refused({ headers: { ...base.headers, "content-encoding": "gzip" } })).toBe("encoded");
    expect(refused({ headers: { ...base.headers, "content-security-policy": "default-src 'self'" } })).toBe("no nonce");
  });

  it("only under the key that names the page: a page in another language or theme than its key is not stored", () => {
    const nonce = newNonce();
    expect(storable(rendered(nonce, { lang: "zh-CN" }), EN, RULES, 0)).toEqual({ refused: "variant" });
    expect(storable(rendered(nonce), { ...EN, locale: "zh" }, RULES, 0)).toEqual({ refused: "variant" });
    expect(storable(rendered(nonce, { theme: "dark" }), EN, RULES, 0)).toEqual({ refused: "variant" });
    expect(storable(rendered(nonce), { ...EN, theme: "dark" }, RULES, 0)).toEqual({ refused: "variant" });
    expect(
      "page" in
        storable(rendered(nonce, { lang: "zh-CN", theme: "dark" }), { ...EN, locale: "zh", theme: "dark" }, RULES, 0),
    ).toBe(true);
  });
});

describe("a stored page served again", () => {
  it("carries a fresh nonce in the CSP and in every place the old one was, and is otherwise the same bytes", () => {
    const old = newNonce();
    const response = rendered(old);
    const page = stored(response);
    const fresh = newNonce();
    const copy = servedCopy(page, fresh);
    const body = Buffer.concat(copy.chunks).toString();
    expect(body).not.toContain(old);
    expect(body.split(fresh)).toHaveLength(response.body.toString().split(old).length);
    expect(body.split(fresh).length - 1).toBe(3);
    expect(body.replaceAll(fresh, "N")).toBe(response.body.toString().replaceAll(old, "N"));
    const headers = new Map(copy.headers);
    expect(nonceOf(String(headers.get("content-security-policy")))).toBe(fresh);
    expect(headers.get("content-security-policy")).toBe(
      pageContentSecurityPolicy({ nonce: fresh, dev: false, https: false }),
    );
    expect(headers.get("content-length")).toBe(String(Buffer.byteLength(body)));
    // two copies never share a nonce
    const again = servedCopy(page, newNonce());
    expect(nonceOf(String(new Map(again.headers).get("content-security-policy")))).not.toBe(fresh);
  });

  it("in every header that carried the old one too (React's preload Link)", () => {
    const old = newNonce();
    const response = rendered(old);
    response.headers.link = `</a.css>; rel=preload; as="style"; nonce="${old}", </b.css>; rel=preload; nonce="${old}"`;
    const fresh = newNonce();
    const headers = new Map(servedCopy(stored(response), fresh).headers);
    expect(headers.get("link")).toBe(String(response.headers.link).replaceAll(old, fresh));
    expect(JSON.stringify([...headers])).not.toContain(old);
  });

  it("with multi-byte text around the nonce intact (the split is on bytes)", () => {
    const old = newNonce();
    const page = stored(rendered(old, { lang: "zh-CN", filler: "<p>梯度消失：为什么？</p>" }), { ...EN, locale: "zh" });
    expect(Buffer.concat(servedCopy(page, "AAAAAAAAAAAAAAAAAAAAAA==").chunks).toString()).toContain(
      "<p>梯度消失：为什么？</p>",
    );
  });
});

describe("the store", () => {
  const page = (bytes: number, storedAt = 0): StoredPage => ({
    status: 200,
    headers: [],
    parts: [Buffer.alloc(bytes)],
    nonceHeaders: [],
    storedAt,
    bytes,
  });
  const limits = { maxBytes: 1000, maxEntries: 5, maxEntryBytes: 400, ttlMs: 60_000 };

  it("holds at most its bytes, evicting the least recently used", () => {
    const cache = createPageCache(limits, { now: () => 10 });
    for (const k of ["a", "b", "c"]) expect(cache.set(k, page(300, 5))).toBe(true);
    cache.get("a"); // used: b is now the oldest
    expect(cache.set("d", page(300, 5))).toBe(true);
    expect(cache.bytes).toBeLessThanOrEqual(1000);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
    expect(cache.set("huge", page(401, 5))).toBe(false);
    expect(cache.get("huge")).toBeUndefined();
  });

  it("holds at most its entries, however small", () => {
    const cache = createPageCache(limits, { now: () => 10 });
    for (let i = 0; i < 50; i++) cache.set(`k${i}`, page(1, 5));
    expect(cache.size).toBe(5);
  });

  it("forgets a page after ttlMs (the bank in memory is re-read as often)", () => {
    let now = 1_000_000;
    const cache = createPageCache(limits, { now: () => now });
    cache.set("a", page(10, now));
    now += 59_000;
    expect(cache.get("a")).toBeDefined();
    now += 2_000;
    expect(cache.get("a")).toBeUndefined();
  });

  it("serves nothing stored before a database outage, and stores nothing while one is near", () => {
    let now = 1_000_000;
    let outageAt = 0;
    const cache = createPageCache(limits, { now: () => now, lastOutageAt: () => outageAt, outageHoldMs: 30_000 });
    cache.set("a", page(10, now));
    now += 1000;
    outageAt = now;
    expect(cache.get("a")).toBeUndefined();
    now += 1000;
    expect(cache.accepting()).toBe(false);
    expect(cache.set("b", page(10, now))).toBe(false);
    now += 30_000;
    expect(cache.accepting()).toBe(true);
    expect(cache.set("b", page(10, now))).toBe(true);
    expect(cache.get("b")).toBeDefined();
  });
});
