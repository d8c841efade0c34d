import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client.server";
import { BUSY_TIMEOUT_MS } from "@/lib/db/driver";
import { ROOT, TMP_DIR } from "@/tests/support/paths";
import { migrateSqliteFile } from "@/tests/support/test-databases";

afterAll(() => prisma.$disconnect());

describe("SQLite settings (docs/decisions/0003-sqlite-pragmas.md)", () => {
  it("runs in WAL mode, enforces foreign keys, waits on a busy database, and syncs NORMAL", async () => {
    const [fk] = await prisma.$queryRawUnsafe<{ foreign_keys: bigint }[]>("PRAGMA foreign_keys");
    const [busy] = await prisma.$queryRawUnsafe<{ timeout: bigint }[]>("PRAGMA busy_timeout");
    const [sync] = await prisma.$queryRawUnsafe<{ synchronous: bigint }[]>("PRAGMA synchronous");
    const [mode] = await prisma.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    expect(mode?.journal_mode).toBe("wal");
    expect(Number(fk?.foreign_keys)).toBe(1);
    expect(Number(busy?.timeout)).toBe(BUSY_TIMEOUT_MS);
    // 1 = NORMAL: durable across application crashes in WAL mode, the recommended pairing.
    expect(Number(sync?.synchronous)).toBe(1);
  });

  it("rejects an attempt for a user that does not exist (foreign key)", async () => {
    const question = await prisma.question.findFirstOrThrow();
    await expect(
      prisma.attempt.create({ data: { userId: "no-such-user", questionId: question.id, kind: "reveal" } }),
    ).rejects.toThrow(/foreign key/i);
  });
});

describe("migrations", () => {
  /** Tables, columns, and indexes as SQLite reports them, in a stable order. */
  function shape(file: string) {
    const db = new Database(file, { readonly: true });
    try {
      const tables = db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name != '_prisma_migrations' ORDER BY name",
        )
        .all() as { name: string }[];
      return tables.map(({ name }) => ({
        name,
        columns: db.prepare(`PRAGMA table_info("${name}")`).all(),
        foreignKeys: db.prepare(`PRAGMA foreign_key_list("${name}")`).all(),
        indexes: (db.prepare(`PRAGMA index_list("${name}")`).all() as { name: string; unique: number }[])
          .map((i) => ({ ...i, columns: db.prepare(`PRAGMA index_info("${i.name}")`).all() }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      }));
    } finally {
      db.close();
    }
  }

  it("the committed migrations produce exactly the database prisma/sqlite/schema.prisma describes", () => {
    const migrated = path.join(TMP_DIR, "fresh-migrations.db");
    migrateSqliteFile(migrated);

    const sql = execFileSync(
      path.join(ROOT, "node_modules/.bin/prisma"),
      ["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/sqlite/schema.prisma", "--script"],
      { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    const fromSchema = path.join(TMP_DIR, "fresh-schema.db");
    rmSync(fromSchema, { force: true });
    const db = new Database(fromSchema);
    db.exec(sql);
    db.close();

    expect(shape(migrated)).toEqual(shape(fromSchema));
  });

  it("has a migration lock for sqlite", () => {
    expect(readFileSync(path.join(ROOT, "prisma/sqlite/migrations/migration_lock.toml"), "utf8")).toMatch(
      /provider = "sqlite"/,
    );
  });
});
