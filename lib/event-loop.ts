/**
 * Lets timers and I/O run before going on. Long server work made of synchronous steps — the
 * SQLite driver answers synchronously, JSON.parse and schema checks of a 5 MB upload are one
 * stretch each — never leaves the microtask queue otherwise, and no other request of the process
 * is served until it ends (ADR 31: the old import kept every other learner waiting 20–30 s).
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
