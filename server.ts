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
 * - a clean stop on SIGTERM / SIGINT (in-flight requests finish, then the process exits).
 *
 * Bundled by scripts/build-server.mjs into .server/server.mjs; `npm run serve` runs it.
 */
import { createServer, type IncomingMessage } from "node:http";
import next from "next";
import { env } from "@/lib/env";
import { clientAddress, trustProxies } from "@/lib/http/forwarded";

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

async function main(): Promise<void> {
  if (env.NODE_ENV !== "production") {
    console.error("server.ts serves the production build: run it with NODE_ENV=production (npm run serve does).");
    process.exit(1);
  }
  const app = next({ dev: false, hostname: env.HOST, port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();

  const server = createServer((req, res) => {
    sanitizeForwarding(req);
    handle(req, res).catch((error: unknown) => {
      console.error("request failed", error);
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      }
      res.end("Internal server error.\n");
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
