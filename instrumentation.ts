/**
 * Runs once when the server starts: a bad variable (lib/env.ts) stops the server with a message
 * naming it, and a database that cannot be used (unreachable, wrong password, no such database)
 * with one line naming it (password masked, lib/db/errors.ts) — instead of failing every request.
 * NEXT_RUNTIME is Next.js's own build-time constant (the runtime this copy is compiled for), not
 * configuration: the one process.env read outside lib/env.ts.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  let url = "";
  try {
    const { env } = await import("./lib/env");
    url = env.DATABASE_URL;
    const { prisma } = await import("./lib/db/client.server");
    await prisma.$queryRawUnsafe("SELECT 1");
  } catch (error) {
    const { describeDatabaseError } = await import("./lib/db/errors").catch(() => ({ describeDatabaseError: null }));
    const message = error instanceof Error ? error.message : String(error);
    console.error(url && describeDatabaseError ? describeDatabaseError(url, error) : message);
    process.exit(1);
  }
}
