/**
 * The bulk writes of lib/db/bulk.ts (ADR 31) against the real database of the run: every value
 * arrives exactly as Prisma itself would have stored it (same stored form, same value read back),
 * doubles bit for bit across the whole range, and a collision is an error the transaction
 * helper retries.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BULK_ROWS, type BulkTable, binaryParts, bulkDb, prepareInsert, runInsert, selectWhereIn } from "@/lib/db/bulk";
import { prisma } from "@/lib/db/client.server";
import { inDirectLaneScope } from "@/lib/db/direct-lane";
import { clientProvider, jsonNulls } from "@/lib/db/prisma";
import { isTransactionConflict, writeTransaction } from "@/lib/db/transaction";

afterAll(() => prisma.$disconnect());

const provider = clientProvider(prisma);
/** The client's own driver adapter (lib/db/direct-lane.ts): what the import's statements run on. */
const db = bulkDb(prisma, false);
const ATTEMPT: BulkTable = {
  name: "Attempt",
  columns: [
    ["id", "text"],
    ["userId", "text"],
    ["questionId", "text"],
    ["kind", "text"],
    ["response", "json"],
    ["expected", "json"],
    ["correct", "bool"],
    ["score", "float"],
    ["createdAt", "timestamp"],
  ],
};

let userId = "";
let questionId = "";
beforeAll(async () => {
  userId = (await prisma.user.create({ data: { name: "bulk" } })).id;
  questionId = (await prisma.question.findFirstOrThrow({ select: { id: true } })).id;
});

/** A deterministic spread of doubles over the whole exponent range (xorshift, fixed seed). */
function wideDoubles(n: number): number[] {
  let s = 0x9e3779b9;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
  return Array.from(
    { length: n },
    () => (next() < 0.5 ? -1 : 1) * (1 + next()) * 2 ** Math.floor(next() * 2046 - 1074),
  );
}

const EDGES = [
  0,
  1,
  0.1,
  1 / 3,
  0.9,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  2.2250738585072014e-308, // smallest normal
  2.225073858507201e-308, // largest subnormal
  1e-300,
  8.453093193271087e241, // SQLite's JSON parser reads this one unit off (measured)
  -2.0205732012531288e-7,
  2 ** 53 - 1,
];

describe("binaryParts", () => {
  it("splits every double into an integer below 2^53 and a power of two, exactly", () => {
    for (const x of [...EDGES, ...wideDoubles(2000)]) {
      const [m, k] = binaryParts(x);
      expect(Number.isSafeInteger(m)).toBe(true);
      expect(m * 2 ** k).toBe(x);
    }
    expect(binaryParts(0.5)).toEqual([1, -1]);
    expect(() => binaryParts(Number.POSITIVE_INFINITY)).toThrow(/finite/);
  });
});

describe("a bulk insert", () => {
  it("stores doubles bit for bit across the whole range", async () => {
    const scores = [...EDGES, ...wideDoubles(BULK_ROWS + 500)]; // more than one statement
    const rows = scores.map((score, i) => [
      `f-${i}`,
      userId,
      questionId,
      "reveal",
      null,
      null,
      null,
      score,
      new Date(0),
    ]);
    expect(await runInsert(db, await prepareInsert(provider, ATTEMPT, rows))).toBe(rows.length);
    const stored = await prisma.attempt.findMany({
      where: { id: { startsWith: "f-" } },
      select: { id: true, score: true },
    });
    const byId = new Map(stored.map((a) => [a.id, a.score]));
    const wrong = scores.filter((score, i) => byId.get(`f-${i}`) !== score);
    expect(wrong).toEqual([]);
  });

  it("stores every column in the form Prisma writes, read back as the same values", async () => {
    const createdAt = new Date("2026-11-20T10:00:00.123Z");
    const response = { selected: ["a", 'é"\\'], weight: 0.5, nested: { deep: [1, null, true] } };
    await prisma.attempt.create({
      data: {
        id: "by-prisma",
        userId,
        questionId,
        kind: "choice",
        response,
        expected: jsonNulls(prisma).JsonNull,
        correct: true,
        score: 0.25,
        createdAt,
      },
    });
    const row = ["by-bulk", userId, questionId, "choice", JSON.stringify(response), "null", true, 0.25, createdAt];
    await runInsert(db, await prepareInsert(provider, ATTEMPT, [row]));
    // a column left null is SQL NULL (Prisma's DbNull), the JSON text "null" is the JSON value null
    await runInsert(
      db,
      await prepareInsert(provider, ATTEMPT, [
        ["bulk-nulls", userId, questionId, "reveal", null, null, null, null, "2026-11-20T10:00:00Z"],
      ]),
    );
    await prisma.attempt.create({
      data: { id: "prisma-nulls", userId, questionId, kind: "reveal", createdAt: new Date("2026-11-20T10:00:00Z") },
    });

    const storedForm = (id: string) =>
      prisma.$queryRawUnsafe<Record<string, unknown>[]>(
        `SELECT CAST("createdAt" AS TEXT) AS "createdAt", CAST("response" AS TEXT) AS "response",
                CAST("expected" AS TEXT) AS "expected", "expected" IS NULL AS "expectedIsNull",
                CAST("correct" AS TEXT) AS "correct", CAST("score" AS TEXT) AS "score"
         FROM "Attempt" WHERE "id" = ${provider === "sqlite" ? "?" : "$1"}`,
        id,
      );
    expect(await storedForm("by-bulk")).toEqual(await storedForm("by-prisma"));
    expect(await storedForm("bulk-nulls")).toEqual(await storedForm("prisma-nulls"));
    const read = (id: string) => prisma.attempt.findUniqueOrThrow({ where: { id }, omit: { id: true } });
    expect(await read("by-bulk")).toEqual(await read("by-prisma"));
    expect(await read("bulk-nulls")).toEqual(await read("prisma-nulls"));
  });

  it("fails whole on a taken key, with an error the write transaction retries as a collision", async () => {
    const rows = [
      ["dup-1", userId, questionId, "reveal", null, null, null, null, new Date(0)],
      ["by-prisma", userId, questionId, "reveal", null, null, null, null, new Date(0)],
    ];
    const error = await runInsert(db, await prepareInsert(provider, ATTEMPT, rows)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(isTransactionConflict(error, { retryUniqueViolations: true })).toBe(true);
    expect(isTransactionConflict(error)).toBe(false);
    expect(await prisma.attempt.count({ where: { id: "dup-1" } })).toBe(0);
  });

  it("finds the rows whose key is among thousands given, in statements of BULK_ROWS", async () => {
    const keys = [...Array.from({ length: BULK_ROWS * 2 }, (_, i) => `missing-${i}`), "by-prisma", "f-3"];
    const found = await selectWhereIn<{ id: string; userId: string }>(
      db,
      provider,
      `SELECT "id", "userId" FROM "Attempt" WHERE "id"`,
      keys,
    );
    expect(found.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: "by-prisma", userId },
      { id: "f-3", userId },
    ]);
    expect(await selectWhereIn(db, provider, `SELECT "id" FROM "Attempt" WHERE "id"`, [])).toEqual([]);
  });

  it("goes through Prisma, with the same result, where no adapter lane can be had", async () => {
    const row = ["via-prisma", userId, questionId, "reveal", null, null, null, 0.1 + 0.2, new Date(0)];
    const viaPrisma = { prisma, lane: null };
    expect(await runInsert(viaPrisma, await prepareInsert(provider, ATTEMPT, [row]))).toBe(1);
    expect(
      await selectWhereIn(viaPrisma, provider, `SELECT "id", "score" FROM "Attempt" WHERE "id"`, ["via-prisma"]),
    ).toEqual([{ id: "via-prisma", score: 0.1 + 0.2 }]);
  });
});

describe("the adapter lane inside a write transaction (lib/db/direct-lane.ts)", () => {
  const one = (id: string) => [id, userId, questionId, "reveal", null, null, null, null, new Date(0)];

  it("runs in the transaction Prisma's tx runs in: seen by tx, not by others before the commit, rolled back with it", async () => {
    const failure = new Error("the very last row was bad");
    const outcome = await inDirectLaneScope(() =>
      writeTransaction(prisma, async (tx) => {
        const inTx = bulkDb(tx, true);
        expect(inTx.lane).not.toBeNull();
        await runInsert(inTx, await prepareInsert(provider, ATTEMPT, [one("lane-rolled-back")]));
        expect(await tx.attempt.count({ where: { id: "lane-rolled-back" } })).toBe(1);
        if (provider === "postgres") {
          // another connection of the pool does not see it yet (SQLite has only the one connection)
          expect(await prisma.attempt.count({ where: { id: "lane-rolled-back" } })).toBe(0);
        }
        throw failure;
      }),
    ).catch((e: unknown) => e);
    expect(outcome).toBe(failure);
    expect(await prisma.attempt.count({ where: { id: "lane-rolled-back" } })).toBe(0);

    await inDirectLaneScope(() =>
      writeTransaction(prisma, async (tx) => {
        await runInsert(bulkDb(tx, true), await prepareInsert(provider, ATTEMPT, [one("lane-committed")]));
      }),
    );
    expect(await prisma.attempt.count({ where: { id: "lane-committed" } })).toBe(1);
  });

  it("has no transaction lane outside a scope or once the transaction has ended", async () => {
    await writeTransaction(prisma, async (tx) => {
      expect(bulkDb(tx, true).lane).toBeNull();
    });
    let afterwards: unknown = "unset";
    await inDirectLaneScope(async () => {
      await writeTransaction(prisma, async () => {});
      afterwards = bulkDb(prisma, true).lane;
    });
    expect(afterwards).toBeNull();
  });
});
