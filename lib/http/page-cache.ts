/**
 * The production server's whole-response cache for pages that cannot differ between the visitors
 * who ask for them (ADR 40): the public content pages (`/`, `/questions`, a question page),
 * fetched as a document by a visitor without a session — only preference cookies, which go into
 * the key as the values the page renders with (language, theme). Everything else bypasses it.
 *
 * Pure rules and a bounded store; server.ts does the I/O (it tees a miss's body while it streams
 * and serves a hit's bytes). The rules:
 *
 * - which request may be answered from it (`cacheKey`): GET/HEAD, a known path with a known
 *   query (an unknown parameter, a slug that is not slug-shaped, a second value: bypass), no
 *   header of Next.js's client router (RSC, prefetch, action), and cookies only from the list of
 *   preference cookies, each at most once, with a value the page reads as such;
 * - which response may be stored (`storable`): a complete 200 HTML document without Set-Cookie,
 *   whose request met no database outage, with one nonce in its CSP, and whose `<html>` carries
 *   the language and theme of its key (a check that the key said what the page rendered);
 * - a stored copy is served with a fresh nonce (`servedCopy`): the body and the headers that
 *   carried it (the CSP, React's preload Link) are kept split at every place the nonce was, so
 *   each copy joins the parts with its own — no nonce is sent twice.
 *
 * The store is an LRU bounded by bytes and by entries, each entry living `ttlMs` at most: the
 * question bank in memory is re-read as often (lib/questions/bank.server.ts), so a re-seeded bank
 * shows here as soon as it shows in a fresh render.
 */
import { LRUCache } from "lru-cache";

/** Request headers of Next.js's client router and actions: their responses are not documents. */
const ROUTER_HEADERS = [
  "rsc",
  "next-action",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-url",
  "next-hmr-refresh",
];

/** Response headers that belong to one response, not to its page. */
const PER_RESPONSE_HEADERS = new Set([
  "date",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "x-gradlab-cache",
]);

const SLUG = /^[a-z0-9][a-z0-9-]{0,119}$/;

export type PageRequest = {
  method: string;
  /** the request target as sent: path and query */
  url: string;
  headers: Record<string, string | string[] | undefined>;
};

/**
 * What the app's pages read, given by server.ts (the i18n and theme modules are not this
 * folder's to import): the list's topics and how a page picks its language and theme.
 */
export type PageRules = {
  /** the topics the question list may be narrowed to (`/questions?topic=…`, the home page's links) */
  topics: readonly string[];
  localeCookie: string;
  themeCookie: string;
  /** other cookies a shared page may come with: read by none of these pages */
  unreadCookies: readonly string[];
  /** the language a page renders in for this cookie value and Accept-Language (lib/i18n/request.ts) */
  locale: (cookie: string | undefined, acceptLanguage: string | undefined) => string;
  /** the theme a page renders with for this cookie value (app/layout.tsx) */
  theme: (cookie: string | undefined) => string;
  /** `<html lang>` and `data-theme` of a page in this language and theme (absent: undefined) */
  htmlAttributes: (locale: string, theme: string) => { lang: string; theme: string | undefined };
};

export type PageVariant = { locale: string; theme: string; https: boolean };

/** What a hit needs: the response's head and its body split at the nonce. */
export type StoredPage = {
  status: number;
  /** the headers without the nonce */
  headers: [name: string, value: string | string[]][];
  /** the headers that carried the nonce (the CSP, React's preload Link), each value split at it */
  nonceHeaders: [name: string, values: string[][]][];
  /** the body, split at every occurrence of the nonce it was rendered with */
  parts: Buffer[];
  storedAt: number;
  bytes: number;
};

const header = (headers: PageRequest["headers"], name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? undefined : value;
};

/** The canonical path and query of a cacheable page, or null (bypass). */
export function cacheablePath(url: string, routes: Pick<PageRules, "topics">): string | null {
  if (url.length > 300 || !url.startsWith("/")) return null;
  const q = url.indexOf("?");
  const pathname = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? "" : url.slice(q + 1);
  const params = query === "" ? [] : query.split("&");
  if (pathname === "/") return params.length === 0 ? "/" : null;
  if (pathname === "/questions") {
    if (params.length === 0) return "/questions";
    const [only, ...more] = params;
    const topic = only?.startsWith("topic=") ? only.slice("topic=".length) : null;
    return more.length === 0 && topic && routes.topics.includes(topic) ? `/questions?topic=${topic}` : null;
  }
  const slug = pathname.startsWith("/questions/") ? pathname.slice("/questions/".length) : null;
  if (!(slug && SLUG.test(slug) && slug !== "random")) return null;
  if (params.length === 0) return pathname;
  return params.length === 1 && params[0] === "answer=1" ? `${pathname}?answer=1` : null;
}

/** The cookies of a request that may share a page, by name; null when any other (a session, a guest, a device) or a repeated one is there. */
export function shareableCookies(
  cookieHeader: string | undefined,
  rules: Pick<PageRules, "localeCookie" | "themeCookie" | "unreadCookies">,
): Map<string, string> | null {
  const shareable = new Set([rules.localeCookie, rules.themeCookie, ...rules.unreadCookies]);
  const cookies = new Map<string, string>();
  if (cookieHeader === undefined || cookieHeader.trim() === "") return cookies;
  for (const part of cookieHeader.split(";")) {
    if (part.trim() === "") continue;
    const eq = part.indexOf("=");
    const name = (eq < 0 ? part : part.slice(0, eq)).trim();
    if (!shareable.has(name) || cookies.has(name)) return null;
    cookies.set(name, eq < 0 ? "" : part.slice(eq + 1).trim());
  }
  return cookies;
}

/**
 * What decides a shareable page's bytes besides its path, as the app itself decides it: the
 * language (lib/i18n/request.ts: the cookie, else Accept-Language), the theme (app/layout.tsx)
 * and https (the CSP's upgrade-insecure-requests, HSTS). A preference cookie whose value the app
 * would have to decode first (`%7A%68`) or would read as something else bypasses instead.
 */
export function pageVariant(
  cookies: Map<string, string>,
  headers: PageRequest["headers"],
  rules: PageRules,
): PageVariant | null {
  const locale = cookies.get(rules.localeCookie);
  const theme = cookies.get(rules.themeCookie);
  if (locale !== undefined && !/^[a-z]{0,16}$/.test(locale)) return null;
  if (theme !== undefined && !/^[a-z]{0,16}$/.test(theme)) return null;
  const https = (header(headers, "x-forwarded-proto")?.split(",")[0]?.trim() ?? "") === "https";
  return {
    locale: rules.locale(locale, header(headers, "accept-language")),
    theme: rules.theme(theme),
    https,
  };
}

/**
 * The cache key of a request that may be answered from the cache, or null. `prefix` names what
 * changes every page at once (the build, the engine's version); `isBot` is Next.js's own test
 * (it renders a different document for crawlers, so they bypass).
 */
export function cacheKey(
  req: PageRequest,
  rules: PageRules,
  prefix: string,
  isBot: (userAgent: string) => boolean = () => false,
): { key: string; variant: PageVariant } | null {
  if (req.method !== "GET" && req.method !== "HEAD") return null;
  if (ROUTER_HEADERS.some((name) => req.headers[name] !== undefined)) return null;
  if (isBot(header(req.headers, "user-agent") ?? "")) return null;
  const path = cacheablePath(req.url, rules);
  if (!path) return null;
  const cookie = req.headers.cookie;
  if (Array.isArray(cookie)) return null;
  const cookies = shareableCookies(cookie, rules);
  if (!cookies) return null;
  const variant = pageVariant(cookies, req.headers, rules);
  if (!variant) return null;
  return {
    key: `${prefix}\n${path}\n${variant.locale}\n${variant.theme}\n${variant.https ? "https" : "http"}`,
    variant,
  };
}

/** The nonce in a page's Content-Security-Policy (`'nonce-…'`), or null. */
export function nonceOf(csp: string): string | null {
  const found = /'nonce-([A-Za-z0-9+/=_-]{16,})'/.exec(csp);
  return found?.[1] ?? null;
}

function splitAt(buffer: Buffer, token: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = buffer.indexOf(token, from); at >= 0; at = buffer.indexOf(token, from)) {
    parts.push(buffer.subarray(from, at));
    from = at + token.length;
  }
  parts.push(buffer.subarray(from));
  return parts;
}

export type FinishedResponse = {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Buffer;
  /** the request met a database outage (lib/db/outage-scope.ts), or one was noted since it started */
  metOutage: boolean;
};

/** A finished response as a stored page, or null when it may not be stored (the reason, for tests and logs). */
export function storable(
  response: FinishedResponse,
  variant: PageVariant,
  rules: Pick<PageRules, "htmlAttributes">,
  now: number,
): { page: StoredPage } | { refused: string } {
  if (response.status !== 200) return { refused: "status" };
  if (response.metOutage) return { refused: "outage" };
  const headers = Object.entries(response.headers).filter(
    (entry): entry is [string, string | string[] | number] => entry[1] !== undefined,
  );
  const get = (name: string) => headers.find(([n]) => n.toLowerCase() === name)?.[1];
  if (get("set-cookie") !== undefined) return { refused: "set-cookie" };
  if (!String(get("content-type") ?? "").startsWith("text/html")) return { refused: "content-type" };
  if (get("content-encoding") !== undefined) return { refused: "encoded" };
  const csp = get("content-security-policy");
  const nonce = typeof csp === "string" ? nonceOf(csp) : null;
  if (!(typeof csp === "string" && nonce)) return { refused: "no nonce" };
  // the key said what the page rendered: its language and theme are on <html>
  const head = response.body.subarray(0, 2048).toString("latin1");
  const html = /<html\b[^>]*>/.exec(head)?.[0];
  const lang = /\blang="([^"]*)"/.exec(html ?? "")?.[1];
  const theme = /\bdata-theme="([^"]*)"/.exec(html ?? "")?.[1];
  const expected = rules.htmlAttributes(variant.locale, variant.theme);
  if (!html || lang !== expected.lang || theme !== expected.theme) return { refused: "variant" };
  if (csp.split(nonce).length !== 2) return { refused: "csp" };
  const parts = splitAt(response.body, Buffer.from(nonce, "latin1"));
  const kept: StoredPage["headers"] = [];
  const nonceHeaders: StoredPage["nonceHeaders"] = [];
  for (const [name, value] of headers) {
    if (PER_RESPONSE_HEADERS.has(name.toLowerCase())) continue;
    const values = Array.isArray(value) ? value : [String(value)];
    if (values.some((v) => v.includes(nonce))) nonceHeaders.push([name, values.map((v) => v.split(nonce))]);
    else kept.push([name, Array.isArray(value) ? value : String(value)]);
  }
  const headerBytes = [...kept, ...nonceHeaders].reduce(
    (n, [name, v]) => n + name.length + JSON.stringify(v).length,
    0,
  );
  return {
    page: {
      status: 200,
      headers: kept,
      nonceHeaders,
      parts,
      storedAt: now,
      bytes: response.body.length + headerBytes + 64 * parts.length,
    },
  };
}

/**
 * A stored page's head and body with `nonce` where its own nonce was. The body comes as the
 * stored parts with the nonce between them, to be written as they are (no copy of the page per
 * request).
 */
export function servedCopy(
  page: StoredPage,
  nonce: string,
): { headers: [string, string | string[]][]; chunks: Buffer[] } {
  const token = Buffer.from(nonce, "latin1");
  const chunks: Buffer[] = [];
  let length = 0;
  page.parts.forEach((part, i) => {
    if (i > 0) {
      chunks.push(token);
      length += token.length;
    }
    chunks.push(part);
    length += part.length;
  });
  return {
    headers: [
      ...page.headers,
      ...page.nonceHeaders.map(([name, values]): [string, string | string[]] => {
        const joined = values.map((parts) => parts.join(nonce));
        return [name, joined.length === 1 ? (joined[0] as string) : joined];
      }),
      ["content-length", String(length)],
    ],
    chunks,
  };
}

export type PageCacheLimits = {
  /** all stored bodies together */
  maxBytes: number;
  maxEntries: number;
  /** a larger page is not stored */
  maxEntryBytes: number;
  ttlMs: number;
};

export const PAGE_CACHE_LIMITS: PageCacheLimits = {
  maxBytes: 32 * 1024 * 1024,
  maxEntries: 1000,
  maxEntryBytes: 2 * 1024 * 1024,
  // the bank's heads in memory are re-read as often (HEADS_TTL_MS in lib/questions/bank.server.ts)
  ttlMs: 60_000,
};

/**
 * The bounded store. `lastOutageAt` is when a database outage was last noted anywhere in the
 * process (0: never): a page stored before it is not served after it, and none is stored within
 * `outageHoldMs` of it — during an outage every request is rendered, so it gets what the app
 * would show anyway (ADR 25).
 */
export function createPageCache(
  limits: PageCacheLimits = PAGE_CACHE_LIMITS,
  opts: { now?: () => number; lastOutageAt?: () => number; outageHoldMs?: number } = {},
) {
  const now = opts.now ?? Date.now;
  const lastOutageAt = opts.lastOutageAt ?? (() => 0);
  const hold = opts.outageHoldMs ?? 30_000;
  const store = new LRUCache<string, StoredPage>({
    max: limits.maxEntries,
    maxSize: limits.maxBytes,
    maxEntrySize: limits.maxEntryBytes,
    sizeCalculation: (page) => page.bytes,
  });
  const outageNear = () => {
    const at = lastOutageAt();
    return at > 0 && now() - at < hold;
  };
  return {
    /** The stored page for `key`, unless it is older than ttlMs or an outage was noted since it was stored (or lately). */
    get(key: string): StoredPage | undefined {
      const page = store.get(key);
      if (!page) return undefined;
      const outageAt = lastOutageAt();
      if (now() - page.storedAt >= limits.ttlMs || outageNear() || (outageAt > 0 && outageAt >= page.storedAt)) {
        store.delete(key);
        return undefined;
      }
      return page;
    },
    /** Whether a response finished now may be stored (no outage near). */
    accepting: () => !outageNear(),
    /** Stores `page` when it fits; answers whether it did. */
    set(key: string, page: StoredPage): boolean {
      if (outageNear() || page.bytes > limits.maxEntryBytes) return false;
      store.set(key, page);
      return store.has(key);
    },
    get size() {
      return store.size;
    },
    get bytes() {
      return store.calculatedSize;
    },
    clear: () => store.clear(),
  };
}

export type PageCache = ReturnType<typeof createPageCache>;
