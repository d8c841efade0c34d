/**
 * Makes the database itself refuse one insert, to prove a multi-row write is rolled back as a
 * whole: a trigger that raises when `column` of a new row in `table` equals `value`. Written for
 * each provider (SQLite's RAISE(ABORT) and a PL/pgSQL function); returns the cleanup.
 */
import type { PrismaClient } from "@/lib/db/prisma";
import { clientProvider } from "@/lib/db/prisma";

const quoteLiteral = (v: string) => `'${v.replaceAll("'", "''")}'`;

export async function failInsertWhen(
  prisma: PrismaClient,
  table: string,
  column: string,
  value: string,
): Promise<() => Promise<void>> {
  const name = "gradlab_test_fail_insert";
  if (clientProvider(prisma) === "sqlite") {
    await prisma.$executeRawUnsafe(
      `CREATE TRIGGER ${name} BEFORE INSERT ON "${table}" WHEN NEW."${column}" = ${quoteLiteral(value)} ` +
        `BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;`,
    );
    return async () => {
      await prisma.$executeRawUnsafe(`DROP TRIGGER ${name}`);
    };
  }
  await prisma.$executeRawUnsafe(
    `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ` +
      `IF NEW."${column}" = ${quoteLiteral(value)} THEN RAISE EXCEPTION 'simulated failure'; END IF; RETURN NEW; END $$`,
  );
  await prisma.$executeRawUnsafe(
    `CREATE TRIGGER ${name} BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION ${name}()`,
  );
  return async () => {
    await prisma.$executeRawUnsafe(`DROP TRIGGER ${name} ON "${table}"`);
    await prisma.$executeRawUnsafe(`DROP FUNCTION ${name}()`);
  };
}
