/**
 * Which request met a database outage. The database client notes every query that failed because
 * the database is unavailable (lib/db/prisma.ts) in the scope of the request it ran for, so that
 * code which only sees a response — better-auth's handler answers a failed query with a 500 of its
 * own; Next.js answers a page whose render failed with a 500 — can tell an outage from a bug and
 * answer 503 + Retry-After (lib/accounts/auth.server.ts, lib/http/outage-status.ts). The error
 * itself gets OUTAGE_DIGEST, for the error boundary's sentence.
 *
 * The storage lives on globalThis under a registered symbol: server.ts and the app's bundles each
 * hold their own copy of this module, and must share it.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { OUTAGE_DIGEST } from "@/lib/http/outage";
import { isDatabaseUnavailable } from "./errors";

export type OutageScope = {
  /** the first query failure of this scope that found the database unavailable */
  error?: unknown;
  parent?: OutageScope;
};

const KEY = Symbol.for("gradlab.db.outage-scope");
const LAST_KEY = Symbol.for("gradlab.db.last-outage-at");
const globalForScope = globalThis as unknown as { [KEY]?: AsyncLocalStorage<OutageScope>; [LAST_KEY]?: number };
globalForScope[KEY] ??= new AsyncLocalStorage<OutageScope>();
const storage = globalForScope[KEY];

/**
 * When a query last found the database unavailable in this process, in any scope or none (a
 * background refresh of the bank too); 0 if never. The page cache serves nothing stored before it
 * (lib/http/page-cache.ts, ADR 40).
 */
export function lastOutageAt(): number {
  return globalForScope[LAST_KEY] ?? 0;
}

/** Runs `work` in a scope of its own, nested in the current one (an outage noted here is noted there too). */
export function inOutageScope<T>(work: (scope: OutageScope) => T): T {
  const scope: OutageScope = { parent: storage.getStore() };
  return storage.run(scope, () => work(scope));
}

/** If `error` says the database is unavailable: notes it in the current scopes and gives it the outage digest. Returns it. */
export function noteIfOutage<E>(error: E): E {
  if (!isDatabaseUnavailable(error)) return error;
  globalForScope[LAST_KEY] = Date.now();
  if (typeof error === "object" && error !== null) {
    const tagged = error as { digest?: unknown };
    if (tagged.digest === undefined) tagged.digest = OUTAGE_DIGEST;
  }
  for (let scope = storage.getStore(); scope; scope = scope.parent) scope.error ??= error;
  return error;
}
