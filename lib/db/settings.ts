/**
 * WAL journal mode (docs/decisions/0003-sqlite-pragmas.md): readers never block the writer and
 * commits are cheaper. It is stored in the database file, so setting it once is enough; with it,
 * better-sqlite3's compiled default synchronous level is NORMAL.
 */
import type { PrismaClient } from "./prisma";

export async function enableWal(prisma: PrismaClient): Promise<void> {
  const [row] = await prisma.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode = WAL");
  if (row?.journal_mode !== "wal") throw new Error(`could not switch the database to WAL (got ${row?.journal_mode})`);
}
