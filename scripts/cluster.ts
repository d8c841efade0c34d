/**
 * A local copy of the production topology (docs/scaling.md): a throwaway PostgreSQL server, N
 * production app servers (`next start`) on it, and nginx in front, all on loopback. Or, for
 * comparison, one app server on a SQLite file behind the same nginx. Used by
 * `npm run scale:demo` and `npm run bench:scale`. stop() is synchronous: call it from an exit
 * handler, and everything started here stops with the caller.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensureNginx, type NginxProxy, startProxy } from "./nginx-proxy";
import { freePort, type PostgresServer, startPostgres } from "./postgres-server";

const ROOT = path.resolve(import.meta.dirname, "..");

export type ClusterOptions = {
  database: "postgres" | "sqlite";
  instances: number;
  proxyPort?: number;
  appPorts?: number[];
  log?: (line: string) => void;
};

export type Cluster = { url: string; appUrls: string[]; databaseUrl: string; stop(): void };

async function waitForHttp(url: string, isAlive: () => boolean, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!isAlive()) throw new Error(`the server for ${url} exited while starting`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const log = options.log ?? (() => {});
  if (options.database === "sqlite" && options.instances !== 1) {
    throw new Error("SQLite serves one app server (ADR 2); use PostgreSQL for more");
  }
  ensureNginx();
  if (!existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
    log("no production build yet: npm run build");
    execFileSync("npm", ["run", "-s", "build"], { cwd: ROOT, stdio: "inherit" });
  }
  let postgres: PostgresServer | null = null;
  let sqliteDir: string | null = null;
  const children: ChildProcess[] = [];
  let proxy: NginxProxy | null = null;
  const stop = () => {
    proxy?.stop();
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    postgres?.stop();
    if (sqliteDir) rmSync(sqliteDir, { recursive: true, force: true });
  };
  try {
    let databaseUrl: string;
    if (options.database === "postgres") {
      postgres = await startPostgres();
      databaseUrl = postgres.url;
      log(`PostgreSQL on 127.0.0.1:${postgres.port}`);
    } else {
      sqliteDir = mkdtempSync(path.join(tmpdir(), "gradlab-sqlite-"));
      databaseUrl = `file:${path.join(sqliteDir, "gradlab.db")}`;
    }
    // Every app server signs sessions with the same secret, as an operator must configure them.
    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NODE_ENV: "production" as const,
      BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
    };
    execFileSync("npm", ["run", "-s", "db:setup"], { cwd: ROOT, env, stdio: "pipe" });
    const ports = options.appPorts ?? (await Promise.all(Array.from({ length: options.instances }, () => freePort())));
    for (const port of ports) {
      const child = spawn(path.join(ROOT, "node_modules/.bin/next"), ["start", "-H", "127.0.0.1", "-p", String(port)], {
        cwd: ROOT,
        env,
        stdio: "ignore",
      });
      children.push(child);
    }
    await Promise.all(
      ports.map((port, i) =>
        waitForHttp(`http://127.0.0.1:${port}/api/questions`, () => children[i]?.exitCode === null),
      ),
    );
    log(`${ports.length} app server(s) on ${ports.map((p) => `127.0.0.1:${p}`).join(", ")}`);
    proxy = await startProxy(options.proxyPort ?? (await freePort()), ports);
    return { url: proxy.url, appUrls: ports.map((p) => `http://127.0.0.1:${p}`), databaseUrl, stop };
  } catch (error) {
    stop();
    throw error;
  }
}
