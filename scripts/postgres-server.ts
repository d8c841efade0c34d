/**
 * A throwaway PostgreSQL server from Debian's `postgresql` package, for the test suites, the
 * multi-instance test and `npm run scale:demo`: `initdb` into a temporary folder, TCP on a
 * loopback port only, password authentication, and durability switched off (fsync,
 * synchronous_commit, full_page_writes) because the data is thrown away on stop.
 *
 * PostgreSQL refuses to run as root; as root (CI) every server command runs as the `postgres`
 * system user the package creates, on a folder owned by it.
 *
 * stop() is synchronous so that it can run from an `exit` handler: a caller that throws, fails a
 * test or is interrupted still stops its server (see scripts/postgres.ts).
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

export type PostgresServer = {
  /** the application's database, owned by an unprivileged role that may create databases */
  url: string;
  /** the superuser, on the `postgres` maintenance database */
  adminUrl: string;
  port: number;
  dataDir: string;
  /** stops the server and removes its folder; safe to call twice */
  stop(): void;
  /** stops the server but keeps its data, as an outage would (for fault tests) */
  pause(): void;
  /** starts it again on the same port and data */
  resume(): void;
};

export type StartOptions = {
  /** loopback port; a free one when omitted */
  port?: number;
  /** name of the application database and its owner role */
  database?: string;
  /** extra postgresql.conf lines (e.g. max_connections) */
  settings?: Record<string, string | number>;
};

const ROOT = path.resolve(import.meta.dirname, "..");
const OS_USER = "postgres";
const ENSURE = path.join(ROOT, "scripts/ensure-debian-package.sh");

/** Debian's server binaries, newest major version first; installs the package when missing and root. */
export function postgresBinDir(): string {
  const find = () =>
    existsSync("/usr/lib/postgresql")
      ? readdirSync("/usr/lib/postgresql")
          .filter((v) => /^\d+$/.test(v) && existsSync(`/usr/lib/postgresql/${v}/bin/initdb`))
          .sort((a, b) => Number(b) - Number(a))
      : [];
  let versions = find();
  if (versions.length === 0) {
    execFileSync("bash", [ENSURE, "/usr/lib/postgresql/*/bin/initdb", "postgresql"], { stdio: "inherit" });
    versions = find();
  }
  const [newest] = versions;
  if (!newest) throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql");
  return `/usr/lib/postgresql/${newest}/bin`;
}

const isRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL program, as the postgres user when we are root. */
function runServerCommand(bin: string, args: string[], cwd: string): string {
  const [command, commandArgs] = isRoot() ? ["runuser", ["-u", OS_USER, "--", bin, ...args]] : [bin, args];
  return execFileSync(command, commandArgs, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function ownerIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync("id", ["-u", OS_USER], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", OS_USER], { encoding: "utf8" }).trim());
  return { uid, gid };
}

/** A port on 127.0.0.1 that nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once("error", () => reject(new Error(`port ${port} on 127.0.0.1 is already in use`)));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
  });
}

const TEST_SETTINGS: Record<string, string | number> = {
  listen_addresses: "'127.0.0.1'",
  fsync: "off",
  synchronous_commit: "off",
  full_page_writes: "off",
  // Every test file, app server and script holds a small pool of its own.
  max_connections: 300,
  log_min_messages: "warning",
  log_min_error_statement: "panic",
  timezone: "'UTC'",
};

export async function startPostgres(options: StartOptions = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  const port = options.port ?? (await freePort());
  if (options.port) await assertPortFree(port);
  const database = options.database ?? "gradlab";
  const dataDir = mkdtempSync(path.join(tmpdir(), "gradlab-pg-"));
  const cluster = path.join(dataDir, "cluster");
  const socketDir = path.join(dataDir, "socket");
  const adminPassword = randomBytes(18).toString("hex");
  const appPassword = randomBytes(18).toString("hex");
  const pwfile = path.join(dataDir, "pwfile");
  writeFileSync(pwfile, `${adminPassword}\n`, { mode: 0o600 });
  execFileSync("mkdir", ["-p", socketDir]);
  if (isRoot()) {
    const { uid, gid } = ownerIds();
    for (const p of [dataDir, socketDir, pwfile]) chownSync(p, uid, gid);
  }

  let started = false;
  const stop = () => {
    if (started) {
      started = false;
      try {
        runServerCommand(path.join(bin, "pg_ctl"), ["stop", "-D", cluster, "-m", "fast", "-w", "-t", "30"], dataDir);
      } catch {
        runServerCommand(path.join(bin, "pg_ctl"), ["stop", "-D", cluster, "-m", "immediate", "-w"], dataDir);
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    runServerCommand(
      path.join(bin, "initdb"),
      [
        "-D",
        cluster,
        "-U",
        "postgres",
        `--pwfile=${pwfile}`,
        "--auth-local=trust",
        "--auth-host=scram-sha-256",
        "--encoding=UTF8",
        // Byte order, like SQLite's BINARY collation: both databases sort text the same way.
        "--locale=C",
        "--no-sync",
      ],
      dataDir,
    );
    rmSync(pwfile);
    const settings = { ...TEST_SETTINGS, port, unix_socket_directories: `'${socketDir}'`, ...options.settings };
    const conf = path.join(cluster, "postgresql.conf");
    writeFileSync(
      conf,
      `${readFileSync(conf, "utf8")}\n# gradlab throwaway server\n${Object.entries(settings)
        .map(([k, v]) => `${k} = ${v}`)
        .join("\n")}\n`,
    );
    runServerCommand(
      path.join(bin, "pg_ctl"),
      ["start", "-D", cluster, "-l", path.join(dataDir, "server.log"), "-w", "-t", "60"],
      dataDir,
    );
    started = true;

    const adminUrl = `postgresql://postgres:${adminPassword}@127.0.0.1:${port}/postgres`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE "${database}" LOGIN CREATEDB PASSWORD '${appPassword}'`);
      await admin.query(`CREATE DATABASE "${database}" OWNER "${database}"`);
    } finally {
      await admin.end();
    }
    const pgCtl = (args: string[]) => runServerCommand(path.join(bin, "pg_ctl"), args, dataDir);
    return {
      url: `postgresql://${database}:${appPassword}@127.0.0.1:${port}/${database}`,
      adminUrl,
      port,
      dataDir,
      stop,
      pause: () => {
        pgCtl(["stop", "-D", cluster, "-m", "fast", "-w", "-t", "30"]);
        started = false;
      },
      resume: () => {
        pgCtl(["start", "-D", cluster, "-l", path.join(dataDir, "server.log"), "-w", "-t", "60"]);
        started = true;
      },
    };
  } catch (error) {
    const log = path.join(dataDir, "server.log");
    const tail = existsSync(log) ? `\n${readFileSync(log, "utf8").split("\n").slice(-20).join("\n")}` : "";
    stop();
    const detail = error instanceof Error && "stderr" in error ? String((error as { stderr: unknown }).stderr) : "";
    throw new Error(`could not start PostgreSQL: ${error instanceof Error ? error.message : error}${detail}${tail}`);
  }
}
