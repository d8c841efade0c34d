/**
 * The production server: the built app behind a plain node:http server (Next.js's documented
 * "custom server"), for the facts only the connection knows and `next start` does not expose
 * (ADR 17):
 *
 * - who the client is: the connection's address, or — through the proxies named in
 *   TRUSTED_PROXIES only — the address they forwarded. X-Forwarded-For is replaced by that one
 *   address before Next.js sees the request, and the other forwarding headers are dropped unless
 *   a trusted proxy sent them, so better-auth's rate limiter and our own limits count real clients;
 * - time limits on every connection: headers within 15 s, the whole request within 60 s, idle
 *   keep-alive sockets closed after 5 s (a slow client cannot hold a socket forever);
 * - a clean stop on SIGTERM / SIGINT (in-flight requests finish, then the process exits);
 * - a page that failed because the database is unavailable answers 503 + Retry-After, not 500
 *   (ADR 25: lib/db/outage-scope.ts, lib/http/outage-status.ts);
 * - the public content pages a visitor without a session asks for are answered from a bounded
 *   whole-response cache, each copy with a fresh CSP nonce (ADR 40: lib/http/page-cache.ts).
 *
 * Bundled by scripts/build-server.mjs into .server/server.mjs; `npm run serve` runs it.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { gzip } from "node:zlib";
import next from "next";
import { isBot } from "next/dist/shared/lib/router/utils/is-bot.js";
import { inOutageScope, lastOutageAt } from "@/lib/db/outage-scope";
import { env } from "@/lib/env";
import { clientAddress, trustProxies } from "@/lib/http/forwarded";
import { answeringOutagesWith503 } from "@/lib/http/outage-status";
import {
  cacheablePath,
  cacheKey,
  createPageCache,
  PAGE_CACHE_LIMITS,
  type PageCache,
  type PageVariant,
  type StoredPage,
  servedCopy,
  storable,
} from "@/lib/http/page-cache";
import { newNonce } from "@/lib/http/security-headers";
import { ENGINE_VERSION } from "@/lib/sim";
import { SHARED_PAGE_RULES as PAGE_RULES } from "@/lib/ui/shared-page-rules";

/** Headers only a trusted proxy may set: from anyone else they are dropped. */
const PROXY_HEADERS = ["forwarded", "x-real-ip", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"];

const TIMEOUTS = { headersMs: 15_000, requestMs: 60_000, keepAliveMs: 5_000 } as const;

const trust = trustProxies(env.TRUSTED_PROXIES);

function sanitizeForwarding(req: IncomingMessage): void {
  const peer = req.socket.remoteAddress;
  const client = clientAddress(peer, req.headers["x-forwarded-for"], trust);
  if (!(peer && trust(peer, 0))) for (const name of PROXY_HEADERS) delete req.headers[name];
  req.headers["x-forwarded-for"] = client;
}

const CACHE_HEADER = "x-gradlab-cache";

/** A stored page, with a nonce of its own; gzipped (quickly, off the event loop) when the client takes it. */
function serveStored(req: IncomingMessage, res: ServerResponse, page: StoredPage): void {
  const copy = servedCopy(page, newNonce());
  res.statusCode = page.status;
  for (const [name, value] of copy.headers) res.setHeader(name, value);
  res.setHeader(CACHE_HEADER, "hit");
  const acceptsGzip = /\bgzip\b(?!;q=0(\.0*)?(,|$))/i.test(String(req.headers["accept-encoding"] ?? ""));
  if (!acceptsGzip || req.method === "HEAD") {
    // the stored parts as they are, in one write to the socket
    res.cork();
    for (const chunk of copy.chunks) res.write(chunk);
    res.end();
    res.uncork();
    return;
  }
  gzip(Buffer.concat(copy.chunks), { level: 1 }, (error, zipped) => {
    if (error) {
      res.end(Buffer.concat(copy.chunks));
      return;
    }
    res.setHeader("content-encoding", "gzip");
    res.setHeader("content-length", String(zipped.length));
    const vary = String(res.getHeader("vary") ?? "");
    if (!/accept-encoding/i.test(vary)) res.setHeader("vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
    res.end(zipped);
  });
}

/**
 * Keeps a copy of a response's body while it streams to the client; once it has finished (all
 * of it sent), offers it to the cache, which decides whether it may be stored.
 */
function teeIntoCache(
  res: ServerResponse,
  cache: PageCache,
  key: string,
  variant: PageVariant,
  metOutage: () => boolean,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let keep = true;
  const take = (chunk: unknown, encoding: unknown) => {
    if (!keep || chunk === undefined || chunk === null || typeof chunk === "function") return;
    const buffer =
      typeof chunk === "string"
        ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk)
          : null;
    size += buffer?.length ?? 0;
    if (!buffer || size > PAGE_CACHE_LIMITS.maxEntryBytes) {
      keep = false;
      chunks.length = 0;
    } else chunks.push(buffer);
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.write = ((...args: unknown[]) => {
    take(args[0], args[1]);
    return write(...args);
  }) as ServerResponse["write"];
  res.end = ((...args: unknown[]) => {
    take(args[0], args[1]);
    return end(...args);
  }) as ServerResponse["end"];
  // headers given to writeHead are only in getHeaders() when some were set before: set them here
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    const headers = rest.find((r) => typeof r === "object" && r !== null);
    if (Array.isArray(headers)) keep = false;
    else if (headers) for (const [name, value] of Object.entries(headers)) res.setHeader(name, value as string);
    return writeHead(status, ...rest.filter((r) => typeof r !== "object" || r === null));
  }) as ServerResponse["writeHead"];
  res.once("finish", () => {
    if (!(keep && cache.accepting())) return;
    const result = storable(
      { status: res.statusCode, headers: res.getHeaders(), body: Buffer.concat(chunks), metOutage: metOutage() },
      variant,
      PAGE_RULES,
      Date.now(),
    );
    if ("page" in result) cache.set(key, result.page);
  });
}

/** The build's id: a new build is a new process anyway, but the key says which pages it holds. */
function buildId(): string {
  try {
    return readFileSync(path.join(process.cwd(), ".next", "BUILD_ID"), "utf8").trim();
  } catch {
    return "unknown-build";
  }
}

async function main(): Promise<void> {
  if (env.NODE_ENV !== "production") {
    console.error("server.ts serves the production build: run it with NODE_ENV=production (npm run serve does).");
    process.exit(1);
  }
  const app = next({ dev: false, hostname: env.HOST, port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const cache = createPageCache(PAGE_CACHE_LIMITS, { lastOutageAt });
  const keyPrefix = `${buildId()}:${ENGINE_VERSION}`;

  const server = createServer((req, res) => {
    sanitizeForwarding(req);
    const request = { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers };
    const cacheable = cacheKey(request, PAGE_RULES, keyPrefix, isBot);
    if (cacheable) {
      const page = cache.get(cacheable.key);
      if (page) {
        serveStored(req, res, page);
        return;
      }
      res.setHeader(CACHE_HEADER, "miss");
      // the stored bytes are the page's own: Next.js compresses only what the client accepts
      if (req.method === "GET") delete req.headers["accept-encoding"];
    } else if ((req.method === "GET" || req.method === "HEAD") && cacheablePath(request.url, PAGE_RULES)) {
      res.setHeader(CACHE_HEADER, "bypass");
    }
    const startedAt = Date.now();
    // Each request in an outage scope of its own: a page that failed because the database was
    // unavailable answers 503 + Retry-After, not Next.js's 500 (ADR 25).
    inOutageScope((scope) => {
      answeringOutagesWith503(res, () => scope.error !== undefined);
      if (cacheable && req.method === "GET") {
        teeIntoCache(res, cache, cacheable.key, cacheable.variant, () => {
          return scope.error !== undefined || lastOutageAt() >= startedAt;
        });
      }
      handle(req, res).catch((error: unknown) => {
        console.error("request failed", error);
        if (!res.headersSent) {
          res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        }
        res.end("Internal server error.\n");
      });
    });
  });
  server.headersTimeout = TIMEOUTS.headersMs;
  server.requestTimeout = TIMEOUTS.requestMs;
  server.keepAliveTimeout = TIMEOUTS.keepAliveMs;

  const stop = () => {
    server.close(() => {
      void app.close().finally(() => process.exit(0));
    });
    server.closeIdleConnections();
    // Whatever is still open after 10 s is cut.
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);

  server.listen(env.PORT, env.HOST, () => {
    const proxies = env.TRUSTED_PROXIES.length > 0 ? env.TRUSTED_PROXIES.join(", ") : "none";
    console.log(`GradLab on http://${env.HOST}:${env.PORT} (trusted proxies: ${proxies})`);
  });
}

void main();
