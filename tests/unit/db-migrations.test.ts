import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { committedMigrations, pendingMigrations } from "@/lib/db/migrations";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("the committed migrations the start-up check compares against", () => {
  it("are each provider's folder of migrations, in order, without SQLite's lock file or PostgreSQL's extension", () => {
    const sqlite = committedMigrations(ROOT, "sqlite");
    const postgres = committedMigrations(ROOT, "postgres");
    expect(sqlite).toEqual(
      readdirSync(path.join(ROOT, "prisma/sqlite/migrations"))
        .filter((n) => !n.includes("."))
        .sort(),
    );
    expect(postgres?.length).toBe(
      readdirSync(path.join(ROOT, "prisma/postgres/migrations")).filter((n) => n.endsWith(".sql")).length,
    );
    for (const list of [sqlite, postgres]) {
      expect(list?.length).toBeGreaterThan(0);
      for (const name of list ?? []) expect(name).toMatch(/^\d{14}_\w+$/);
    }
  });

  it("are unknown (null), not none, where prisma/ was not deployed", () => {
    expect(committedMigrations(path.join(ROOT, "no-such-folder"), "sqlite")).toBeNull();
  });

  it("pending: the committed ones not applied, in committed order", () => {
    expect(pendingMigrations(["1_a", "2_b", "3_c"], ["2_b"])).toEqual(["1_a", "3_c"]);
    expect(pendingMigrations(["1_a"], ["1_a", "0_other"])).toEqual([]);
  });
});
