/**
 * The Node.js half of instrumentation.ts: checked once at start-up, before any request. A bad
 * variable (lib/env.ts) stops the server with a message naming it; a database that cannot be used
 * (unreachable, wrong password, no such database) with one line naming it (password masked,
 * lib/db/errors.ts); so does a database that lacks committed migrations (`npm run serve` before
 * `npm run db:setup`) — instead of failing every request. Its own file so that the Edge build of
 * instrumentation never sees node:fs or process.exit (Next.js's documented pattern).
 */
export async function checkAtStartUp(): Promise<void> {
  let url = "";
  try {
    const { env } = await import("./lib/env");
    url = env.DATABASE_URL;
    const { prisma } = await import("./lib/db/client.server");
    await prisma.$queryRawUnsafe("SELECT 1");
    const missing = await missingMigrations(url, prisma);
    if (missing.length > 0) {
      const { maskDatabaseUrl } = await import("./lib/env");
      console.error(
        `the database ${maskDatabaseUrl(url)} lacks ${missing.length} of GradLab's migrations (${missing.join(", ")}): run \`npm run db:setup\` first (\`npm start\` does it).`,
      );
      process.exit(1);
    }
  } catch (error) {
    const { describeDatabaseError } = await import("./lib/db/errors").catch(() => ({ describeDatabaseError: null }));
    const message = error instanceof Error ? error.message : String(error);
    console.error(url && describeDatabaseError ? describeDatabaseError(url, error) : message);
    process.exit(1);
  }
}

/** The committed migrations the database has not applied (none known when prisma/ is not deployed). */
async function missingMigrations(
  url: string,
  prisma: { $queryRawUnsafe<T>(sql: string): Promise<T> },
): Promise<string[]> {
  const { providerOf } = await import("./lib/env");
  const { appliedMigrationsSql, committedMigrations, pendingMigrations } = await import("./lib/db/migrations");
  const provider = providerOf(url);
  const committed = provider ? committedMigrations(process.cwd(), provider) : null;
  if (!provider || !committed) return [];
  // No migrations table yet means nothing applied; any other failure is reported as it is.
  const applied = await prisma
    .$queryRawUnsafe<{ name: string }[]>(appliedMigrationsSql(provider))
    .catch((error: unknown) => {
      if (/no such table|does not exist|P2010|42P01/i.test(String((error as Error)?.message ?? error))) return [];
      throw error;
    });
  return pendingMigrations(
    committed,
    applied.map((row) => row.name),
  );
}
