/**
 * What went wrong with the database, in words an operator can act on, and which failures are
 * worth retrying. Errors reach us in three shapes: Prisma's (the driver's cause under
 * meta.driverAdapterError), the driver adapter's own DriverAdapterError, and raw `pg` errors
 * (node-pg-migrate, scripts). Pure: no server-only imports.
 */
import { maskDatabaseUrl } from "@/lib/env";

type Cause = {
  kind?: string;
  originalCode?: string;
  code?: string;
  host?: string;
  port?: number;
  db?: string;
  user?: string;
};

type ErrorLike = {
  name?: string;
  code?: unknown;
  message?: unknown;
  meta?: { driverAdapterError?: { cause?: Cause } };
  cause?: unknown;
  errors?: unknown[];
};

/** The driver-level facts behind an error, whatever its wrapping. */
function causeOf(error: unknown): Cause & { message: string } {
  const e = (error ?? {}) as ErrorLike;
  const message = typeof e.message === "string" ? e.message : String(error);
  const wrapped = e.meta?.driverAdapterError?.cause;
  if (wrapped) return { ...wrapped, message };
  if (e.name === "DriverAdapterError" && e.cause && typeof e.cause === "object")
    return { ...(e.cause as Cause), message };
  // AggregateError (a host with several addresses): the first attempt says enough.
  if (Array.isArray(e.errors) && e.errors.length > 0 && !e.code) return causeOf(e.errors[0]);
  return { code: typeof e.code === "string" ? e.code : undefined, message };
}

const PG_CODES: Record<string, string> = {
  "28P01": "AuthenticationFailed",
  "28000": "DatabaseAccessDenied",
  "3D000": "DatabaseDoesNotExist",
  "53300": "TooManyConnections",
  "57P01": "ConnectionClosed", // admin_shutdown: the server is stopping
  "57P03": "DatabaseNotReachable", // cannot_connect_now: the server is starting
  "40001": "TransactionWriteConflict",
  "40P01": "Deadlock",
  ECONNREFUSED: "DatabaseNotReachable",
  ENOTFOUND: "DatabaseNotReachable",
  EAI_AGAIN: "DatabaseNotReachable",
  ECONNRESET: "ConnectionClosed",
  ETIMEDOUT: "SocketTimeout",
  SQLITE_CANTOPEN: "DatabaseNotReachable",
  SQLITE_NOTADB: "NotADatabase",
};

/**
 * A stable name for what failed (the driver adapter's vocabulary), or null when it is something
 * else. A library that wraps the driver's error in its own (better-auth's "failed to get session"
 * APIError) keeps it as `cause`: the chain is followed a few links down.
 */
export function databaseFailureKind(error: unknown, depth = 0): string | null {
  const c = causeOf(error);
  if (c.kind && c.kind !== "postgres") return c.kind;
  const code = c.originalCode ?? c.code;
  if (code && PG_CODES[code]) return PG_CODES[code] ?? null;
  if (/Connection terminated|connection timeout|Connection ended|terminating connection/i.test(c.message)) {
    return "ConnectionClosed";
  }
  if (/timeout exceeded when trying to connect/i.test(c.message)) return "SocketTimeout";
  const wrapped = (error as ErrorLike | null)?.cause;
  return depth < 4 && wrapped && typeof wrapped === "object" ? databaseFailureKind(wrapped, depth + 1) : null;
}

/** The database cannot be used right now (not reachable, closed the connection, busy): retry later. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const kind = databaseFailureKind(error);
  return (
    kind === "DatabaseNotReachable" ||
    kind === "ConnectionClosed" ||
    kind === "SocketTimeout" ||
    kind === "TooManyConnections"
  );
}

/** One line for an operator: which database (password masked) and what failed. */
export function describeDatabaseError(url: string, error: unknown): string {
  const c = causeOf(error);
  const where = url ? maskDatabaseUrl(url) : "DATABASE_URL";
  const reason = (() => {
    switch (databaseFailureKind(error)) {
      case "AuthenticationFailed":
        return `the server refused the password${c.user ? ` for user "${c.user}"` : ""} (check the user and password in DATABASE_URL)`;
      case "DatabaseAccessDenied":
        return "the user may not connect to this database";
      case "DatabaseDoesNotExist":
        return `the database${c.db ? ` "${c.db}"` : ""} does not exist on that server (create it, or fix the name)`;
      case "DatabaseNotReachable":
        return `cannot reach the database server${c.host ? ` at ${c.host}${c.port ? `:${c.port}` : ""}` : ""} (is it running, and is the address right?)`;
      case "SocketTimeout":
        return "the database server did not answer in time";
      case "ConnectionClosed":
        return "the database server closed the connection";
      case "TooManyConnections":
        return "the database server has no free connections";
      case "TlsConnectionError":
        return "the TLS connection to the database server failed";
      case "NotADatabase":
        return "the file is not a SQLite database";
      default:
        return c.message.split("\n").find((line) => line.trim() !== "") ?? "unknown error";
    }
  })();
  return `cannot use the database ${where}: ${reason}`;
}
