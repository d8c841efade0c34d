/** DATABASE_URL: which provider, what is wrong with it, how it is shown, and what a failure says. */

import { APIError } from "better-auth/api";
import { describe, expect, it } from "vitest";
import { databaseFailureKind, describeDatabaseError, isDatabaseUnavailable } from "@/lib/db/errors";
import { databaseUrlProblem, maskDatabaseUrl, parseEnv, providerOf } from "@/lib/env";

describe("providerOf", () => {
  it("maps file: to SQLite and postgresql:// or postgres:// to PostgreSQL", () => {
    expect(providerOf("file:./data/gradlab.db")).toBe("sqlite");
    expect(providerOf("postgresql://u:p@h:5432/db")).toBe("postgres");
    expect(providerOf("POSTGRES://u@h/db")).toBe("postgres");
    expect(providerOf("mysql://u@h/db")).toBeNull();
    expect(providerOf("postgresql:/oops")).toBeNull();
  });
});

describe("databaseUrlProblem", () => {
  it("accepts complete URLs", () => {
    expect(databaseUrlProblem("file:./data/gradlab.db")).toBeNull();
    expect(databaseUrlProblem("postgresql://gradlab:s3cret@db.internal:5432/gradlab?sslmode=require")).toBeNull();
  });
  it("says what is missing", () => {
    expect(databaseUrlProblem("file:")).toMatch(/names no file/);
    expect(databaseUrlProblem("postgresql://u:p@:5432/db")).toMatch(/not a valid URL|names no host/);
    expect(databaseUrlProblem("postgresql://u:p@host:5432")).toMatch(/names no database/);
    expect(databaseUrlProblem("postgresql://u:p@host:notaport/db")).toMatch(/not a valid URL/);
    expect(databaseUrlProblem("mongodb://h/db")).toMatch(/SQLite file: URL .* or a postgresql:\/\/ URL/);
  });
  it("stops the app at start-up with the variable named and the password masked", () => {
    expect(() => parseEnv({ NODE_ENV: "test", DATABASE_URL: "postgresql://gradlab:hunter2@host:5432" })).toThrow(
      /DATABASE_URL: names no database .*postgresql:\/\/gradlab:\*\*\*@host:5432/,
    );
    expect(() => parseEnv({ NODE_ENV: "test", DATABASE_URL: "postgresql://gradlab:hunter2@host:5432" })).not.toThrow(
      /hunter2/,
    );
  });
});

describe("maskDatabaseUrl", () => {
  it("hides the password and nothing else", () => {
    expect(maskDatabaseUrl("postgresql://gradlab:s3cret@127.0.0.1:5432/gradlab")).toBe(
      "postgresql://gradlab:***@127.0.0.1:5432/gradlab",
    );
    expect(maskDatabaseUrl("postgresql://gradlab@host/db")).toBe("postgresql://gradlab@host/db");
    expect(maskDatabaseUrl("file:./data/gradlab.db")).toBe("file:./data/gradlab.db");
  });
  it("masks all of a password with unencoded @ or / in it", () => {
    const masked = maskDatabaseUrl("postgresql://u:p@ss/w0rd@host:5432/db");
    expect(masked).toBe("postgresql://u:***@host:5432/db");
    expect(masked).not.toMatch(/ss|w0rd/);
  });
});

describe("describeDatabaseError", () => {
  const url = "postgresql://gradlab:s3cret@127.0.0.1:5432/gradlab";
  // The shapes the Prisma client, the driver adapter and pg produce (captured from a real server).
  const prismaError = (cause: object) =>
    Object.assign(new Error("Invalid invocation"), {
      name: "PrismaClientKnownRequestError",
      code: "P2010",
      meta: { driverAdapterError: { name: "DriverAdapterError", cause } },
    });

  it("names the URL without its password and the reason", () => {
    const wrongPassword = prismaError({
      originalCode: "28P01",
      originalMessage: 'password authentication failed for user "gradlab"',
      kind: "AuthenticationFailed",
      user: "gradlab",
    });
    const line = describeDatabaseError(url, wrongPassword);
    expect(line).toBe(
      'cannot use the database postgresql://gradlab:***@127.0.0.1:5432/gradlab: the server refused the password for user "gradlab" (check the user and password in DATABASE_URL)',
    );
    expect(line).not.toContain("s3cret");
  });

  it("tells an unreachable server, a missing database and a raw pg error apart", () => {
    expect(
      describeDatabaseError(url, prismaError({ kind: "DatabaseNotReachable", host: "127.0.0.1", port: 1 })),
    ).toMatch(/cannot reach the database server at 127\.0\.0\.1:1/);
    expect(describeDatabaseError(url, prismaError({ kind: "DatabaseDoesNotExist", db: "nodb" }))).toMatch(
      /the database "nodb" does not exist/,
    );
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), {
      code: "ECONNREFUSED",
      syscall: "connect",
      errno: -111,
    });
    expect(describeDatabaseError(url, refused)).toMatch(/cannot reach the database server/);
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(describeDatabaseError(url, new Error("something else\nwith a stack"))).toBe(
      "cannot use the database postgresql://gradlab:***@127.0.0.1:5432/gradlab: something else",
    );
  });

  it("counts lost connections and timeouts as unavailable, a conflict or a bug as not", () => {
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(prismaError({ kind: "ConnectionClosed" }))).toBe(true);
    expect(isDatabaseUnavailable(prismaError({ kind: "TransactionWriteConflict" }))).toBe(false);
    expect(databaseFailureKind(prismaError({ kind: "postgres", code: "40P01" }))).toBe("Deadlock");
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
  });

  it("sees an outage through a library's own error that keeps the driver's as its cause", () => {
    // better-auth's getSession answers a failed query with this, the Prisma error as `cause`
    const wrapped = (cause: unknown) =>
      APIError.from(
        "INTERNAL_SERVER_ERROR",
        { code: "FAILED_TO_GET_SESSION", message: "Failed to get session" },
        { cause },
      );
    expect(isDatabaseUnavailable(wrapped(prismaError({ kind: "DatabaseNotReachable" })))).toBe(true);
    expect(isDatabaseUnavailable(new Error("outer", { cause: wrapped(prismaError({ kind: "SocketTimeout" })) }))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(wrapped(new TypeError("x is undefined")))).toBe(false);
    expect(isDatabaseUnavailable(wrapped(undefined))).toBe(false);
  });
});
