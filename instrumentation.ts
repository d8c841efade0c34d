/**
 * Runs once when the server starts: the start-up checks of instrumentation-node.ts (variables,
 * the database, its migrations). NEXT_RUNTIME is Next.js's own build-time constant (the runtime
 * this copy is compiled for), not configuration: the one process.env read outside lib/env.ts.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") await (await import("./instrumentation-node")).checkAtStartUp();
}
