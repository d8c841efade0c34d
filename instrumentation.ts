/**
 * Runs once when the server starts: a bad variable (lib/env.ts) stops the server with a message
 * naming it, instead of failing every request. NEXT_RUNTIME is Next.js's own build-time constant
 * (the runtime this copy is compiled for), not configuration: the one process.env read outside
 * lib/env.ts.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  try {
    await import("./lib/env");
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
