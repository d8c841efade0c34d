/**
 * Runs a command against a throwaway PostgreSQL server (scripts/postgres-server.ts), then stops
 * the server — when the command succeeds, fails, or we are interrupted (Ctrl-C, SIGTERM).
 * The command sees DATABASE_URL and GRADLAB_PG_URL (the app's database) and GRADLAB_PG_ADMIN_URL (the superuser,
 * for tests that create databases of their own). Exits with the command's status.
 *
 *   tsx scripts/postgres.ts [--port 55441] -- npx vitest run tests/integration
 *   tsx scripts/postgres.ts [--port 55441]          # just a server: prints its URL, Ctrl-C stops it
 */
import { spawn } from "node:child_process";
import { constants } from "node:os";
import { parseArgs } from "node:util";
import { startPostgres } from "./postgres-server";

const dashDash = process.argv.indexOf("--");
const own = dashDash === -1 ? process.argv.slice(2) : process.argv.slice(2, dashDash);
const command = dashDash === -1 ? [] : process.argv.slice(dashDash + 1);
const { values } = parseArgs({ args: own, options: { port: { type: "string" } } });
const port = values.port === undefined ? undefined : Number(values.port);
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
  console.error(`--port must be a port number (got ${values.port})`);
  process.exit(2);
}

const server = await startPostgres({ port });
process.on("exit", () => server.stop());
const masked = server.url.replace(/:[^:@/]+@/, ":***@");

if (command.length === 0) {
  console.log(`PostgreSQL ready: ${server.url}\n(superuser: ${server.adminUrl})\nCtrl-C stops it.`);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => process.exit(0));
  setInterval(() => {}, 1 << 30);
} else {
  console.log(`PostgreSQL on ${masked}: running ${command.join(" ")}`);
  const [bin = "", ...args] = command;
  const child = spawn(bin, args, {
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: server.url,
      GRADLAB_PG_URL: server.url,
      GRADLAB_PG_ADMIN_URL: server.adminUrl,
    },
  });
  // The child shares our terminal and gets Ctrl-C itself; we wait for it and then stop the server.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (signal !== "SIGINT") child.kill(signal);
    });
  }
  child.on("error", (error) => {
    console.error(`could not run ${bin}: ${error.message}`);
    process.exit(127);
  });
  child.on("exit", (code, signal) => process.exit(code ?? 128 + (signal ? constants.signals[signal] : 0)));
}
