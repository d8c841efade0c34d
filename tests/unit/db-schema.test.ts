/**
 * One data model, two generated schemas (scripts/db-schema.ts): the committed per-provider
 * schemas must be exactly what the generator makes from prisma/models.prisma today.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DB_PROVIDERS } from "@/lib/env";
import { buildSchema, renderSchema, schemaPath } from "@/scripts/db-schema";

describe("generated Prisma schemas", () => {
  it.each(DB_PROVIDERS)("prisma/%s/schema.prisma is up to date with prisma/models.prisma", (provider) => {
    expect(readFileSync(schemaPath(provider), "utf8"), "run `npm run db:schema`").toBe(buildSchema(provider));
  });

  const models = [
    "// header of the source",
    "",
    "model Thing {",
    "  id      String    @id",
    "  at      DateTime  @default(now())",
    "  maybe   DateTime?",
    "  note    String",
    '  //@postgres @@index([note(ops: raw("text_pattern_ops"))])',
    "  //@sqlite @@index([note])",
    "}",
  ].join("\n");

  it("gives PostgreSQL timestamptz(3) for every DateTime and keeps SQLite's as they are", () => {
    const pg = renderSchema(models, "postgres");
    expect(pg).toContain("at      DateTime @db.Timestamptz(3)  @default(now())");
    expect(pg).toContain("maybe   DateTime? @db.Timestamptz(3)");
    expect(pg).toContain('provider = "postgresql"');
    const lite = renderSchema(models, "sqlite");
    expect(lite).not.toContain("Timestamptz");
    expect(lite).toContain('provider = "sqlite"');
  });

  it("keeps a //@provider line only in that provider's schema, and drops the source's header", () => {
    const pg = renderSchema(models, "postgres");
    const lite = renderSchema(models, "sqlite");
    expect(pg).toContain('  @@index([note(ops: raw("text_pattern_ops"))])');
    expect(pg).not.toContain("@@index([note])");
    expect(lite).toContain("  @@index([note])");
    expect(lite).not.toContain("text_pattern_ops");
    expect(pg).not.toContain("header of the source");
    expect(() => renderSchema("  //@mysql @@index([x])", "sqlite")).toThrow(/unknown provider/);
  });

  it("sends each client to its own package", () => {
    expect(renderSchema(models, "sqlite")).toContain('output          = "../../node_modules/@gradlab/prisma-sqlite"');
    expect(renderSchema(models, "postgres")).toContain(
      'output          = "../../node_modules/@gradlab/prisma-postgres"',
    );
  });
});
