/**
 * What only PostgreSQL has (docs/decisions/0017-postgresql.md, 0018-postgres-migrations.md): the
 * committed migrations against the schema, native types, the migration runner under concurrency,
 * and the client's upserts, interactive transactions and JSON on a real server.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { loadQuestionBank } from "@/lib/content/load";
import { createPrismaClient } from "@/lib/db/create-client";
import { MIGRATIONS_TABLE } from "@/lib/db/migrations";
import { jsonNulls } from "@/lib/db/prisma";
import { migratePostgres, POSTGRES_MIGRATIONS_DIR } from "@/scripts/migrate-postgres";
import { diffSql } from "@/scripts/new-migration";
import { dbSetup, expectOneClearLine, SECRET } from "@/tests/support/db-setup-run";
import { ROOT } from "@/tests/support/paths";
import { createEmptyPostgresDatabase } from "@/tests/support/test-databases";

const url = process.env.DATABASE_URL ?? "";
const prisma = createPrismaClient(url, { max: 4 });
afterAll(() => prisma.$disconnect());

async function withClient<T>(databaseUrl: string, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Tables, columns, constraints and indexes as the catalog reports them, in a stable order. */
async function shape(databaseUrl: string) {
  return withClient(databaseUrl, async (c) => {
    const q = async (sql: string) => (await c.query(sql)).rows;
    return {
      columns: await q(`
        SELECT table_name, column_name, data_type, is_nullable, column_default, datetime_precision
        FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '${MIGRATIONS_TABLE}'
        ORDER BY table_name, column_name`),
      constraints: await q(`
        SELECT t.relname AS table_name, c.conname, c.contype, pg_get_constraintdef(c.oid) AS def
        FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
        WHERE c.connamespace = 'public'::regnamespace AND t.relname <> '${MIGRATIONS_TABLE}'
        ORDER BY 1, 2`),
      indexes: await q(`
        SELECT tablename, indexname, indexdef FROM pg_indexes
        WHERE schemaname = 'public' AND tablename <> '${MIGRATIONS_TABLE}'
        ORDER BY tablename, indexname`),
    };
  });
}

describe("a wrong password at start-up", () => {
  it("is one line naming the server (password masked) and that the password was refused", () => {
    const wrong = new URL(url);
    wrong.password = SECRET;
    expectOneClearLine(dbSetup(wrong.toString()), /\*\*\*@.*(password|authentication)/i);
  }, 120_000);
});

describe("PostgreSQL migrations", () => {
  it("the committed migrations produce exactly the database prisma/postgres/schema.prisma describes", async () => {
    const migrated = await createEmptyPostgresDatabase("gradlab_test_shape_migrated");
    await migratePostgres(migrated);
    const fromSchema = await createEmptyPostgresDatabase("gradlab_test_shape_schema");
    const sql = diffSql(null, path.join(ROOT, "prisma/postgres/schema.prisma"), fromSchema);
    await withClient(fromSchema, (c) => c.query(sql));

    const [a, b] = await Promise.all([shape(migrated), shape(fromSchema)]);
    expect(a.columns.length).toBeGreaterThan(50);
    expect(a).toEqual(b);
  });

  it("applies each migration once, records it, and a second run applies nothing", async () => {
    const db = await createEmptyPostgresDatabase("gradlab_test_rerun");
    const files = readdirSync(POSTGRES_MIGRATIONS_DIR)
      .filter((f) => f.endsWith(".sql"))
      .map((f) => f.replace(/\.sql$/, ""))
      .sort();
    expect(await migratePostgres(db)).toEqual(files);
    expect(await migratePostgres(db)).toEqual([]);
    const rows = await withClient(db, async (c) => (await c.query(`SELECT name FROM "${MIGRATIONS_TABLE}"`)).rows);
    expect(rows.map((r) => r.name).sort()).toEqual(files);
  });

  it("two servers starting at once: one applies the migrations, the other waits and finds nothing to do", async () => {
    const db = await createEmptyPostgresDatabase("gradlab_test_concurrent");
    const runs = await Promise.all([migratePostgres(db), migratePostgres(db), migratePostgres(db)]);
    const applied = runs.flat();
    expect(applied.length).toBe(readdirSync(POSTGRES_MIGRATIONS_DIR).filter((f) => f.endsWith(".sql")).length);
    expect(runs.filter((r) => r.length > 0)).toHaveLength(1);
    const count = await withClient(db, async (c) => (await c.query('SELECT count(*)::int AS n FROM "User"')).rows[0]);
    expect(count).toEqual({ n: 0 });
  });
});

describe("native PostgreSQL types", () => {
  it("stores every DateTime as timestamptz(3) and every Json as jsonb", async () => {
    const types = await withClient(url, async (c) => {
      const { rows } = await c.query(
        `SELECT data_type, count(*)::int AS n FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name <> '${MIGRATIONS_TABLE}' AND data_type IN ('timestamp with time zone', 'timestamp without time zone', 'json', 'jsonb')
         GROUP BY data_type ORDER BY data_type`,
      );
      return rows;
    });
    expect(types.map((t) => t.data_type)).toEqual(["jsonb", "timestamp with time zone"]);
  });

  it("keeps instants exact to the millisecond whatever the session's time zone", async () => {
    const at = new Date("2026-03-29T01:30:00.123Z"); // inside a DST switch in Europe
    const user = await prisma.user.create({ data: { createdAt: at } });
    await withClient(url, async (c) => {
      await c.query("SET TIME ZONE 'Asia/Shanghai'");
      const { rows } = await c.query('SELECT "createdAt" FROM "User" WHERE id = $1', [user.id]);
      expect((rows[0].createdAt as Date).toISOString()).toBe(at.toISOString());
    });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).createdAt).toEqual(at);
  });
});

describe("the Prisma client on a real server", () => {
  it("found the seeded bank: every question in both languages", async () => {
    const bank = loadQuestionBank();
    expect(await prisma.question.count({ where: { published: true } })).toBe(bank.length);
    expect(await prisma.questionTranslation.count()).toBe(bank.length * 2);
  });

  it("upserts: creates once, then updates the same row", async () => {
    const create = () => prisma.tag.upsert({ where: { slug: "pg-upsert" }, create: { slug: "pg-upsert" }, update: {} });
    const [a, b] = [await create(), await create()];
    expect(a.id).toBe(b.id);
    expect(await prisma.tag.count({ where: { slug: "pg-upsert" } })).toBe(1);
  });

  it("rolls an interactive transaction back completely when it throws", async () => {
    const before = await prisma.user.count();
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.user.create({ data: { name: "rolled back" } });
        await tx.user.create({ data: { name: "also rolled back" } });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await prisma.user.count()).toBe(before);
  });

  it("round-trips JSON and tells SQL NULL from JSON null", async () => {
    const user = await prisma.user.create({ data: {} });
    const question = await prisma.question.findFirstOrThrow();
    const response = { selected: ["a", "c"], nested: { n: 1.5, ok: true, none: null }, text: '梯度 "quoted"' };
    const withJson = await prisma.attempt.create({
      data: {
        userId: user.id,
        questionId: question.id,
        kind: "choice",
        response,
        expected: jsonNulls(prisma).JsonNull,
      },
    });
    const withoutJson = await prisma.attempt.create({
      data: { userId: user.id, questionId: question.id, kind: "reveal", response: jsonNulls(prisma).DbNull },
    });
    expect((await prisma.attempt.findUniqueOrThrow({ where: { id: withJson.id } })).response).toEqual(response);
    const raw = await withClient(url, async (c) => {
      const { rows } = await c.query(
        `SELECT id, response IS NULL AS "responseIsNull", jsonb_typeof(expected) AS "expectedType",
                response->'nested'->>'n' AS n
         FROM "Attempt" WHERE id = ANY($1) ORDER BY "kind"`,
        [[withJson.id, withoutJson.id]],
      );
      return rows;
    });
    expect(raw).toEqual([
      { id: withJson.id, responseIsNull: false, expectedType: "null", n: "1.5" },
      { id: withoutJson.id, responseIsNull: true, expectedType: null, n: null },
    ]);
  });

  it("reports a unique violation as P2002, like SQLite", async () => {
    await prisma.tag.create({ data: { slug: "pg-unique" } });
    await expect(prisma.tag.create({ data: { slug: "pg-unique" } })).rejects.toMatchObject({ code: "P2002" });
  });
});
