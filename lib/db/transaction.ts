/**
 * Every write that reads before it writes runs here: one interactive transaction, retried when
 * the database says it collided with another.
 *
 * - With `serializeOn` (a learner's id): transactions with the same key run one after another.
 *   PostgreSQL: a transaction-scoped advisory lock taken first, at READ COMMITTED, so each
 *   statement after it sees what the one before committed — two app servers rating one card at
 *   once queue instead of building on the same state (a lost update) or aborting each other.
 *   Within one process they also queue before taking a connection (`oneAtATime`): a learner
 *   firing 50 reviews at once then holds one of the pool's connections, not all of them while
 *   49 wait on the lock — every other learner's request would wait behind theirs.
 *   SQLite: the database already runs one writer at a time.
 * - Without: SERIALIZABLE; PostgreSQL aborts one of two colliding transactions (40001, P2034).
 * - Either way, a serialization failure, a deadlock (40P01) or a transaction that could not
 *   start in time (every connection busy: nothing ran) is run again from the start, and so is a
 *   unique violation from a concurrent insert when the caller says so (on the next try the row
 *   exists and is read). Retries are bounded (attempts and jittered, growing pauses), so a
 *   learner never waits long and never sees a 500 for a collision. docs/decisions/0019-several-app-servers.md.
 */
import { databaseFailureKind } from "./errors";
import {
  clientProvider,
  isPrismaError,
  type PrismaClient,
  TRANSACTION_MAX_WAIT_MS,
  type TransactionClient,
} from "./prisma";

export const TRANSACTION_RETRIES = 10;
/** Seeds the lock-key hash, so GradLab's locks never collide with another tool's on the same database. */
const ADVISORY_LOCK_SEED = 0x67726164; // "grad"

export type WriteOptions = {
  /** retry a unique-constraint violation (P2002) as a collision with a concurrent insert */
  retryUniqueViolations?: boolean;
  /** the transaction's own time limit, ms (default 10 s) */
  timeout?: number;
  /** run after every other transaction with the same key (see above) */
  serializeOn?: string;
};

/** Whether a failed transaction collided with another and may simply run again. */
export function isTransactionConflict(error: unknown, { retryUniqueViolations = false } = {}): boolean {
  const kind = databaseFailureKind(error);
  if (kind === "TransactionWriteConflict" || kind === "Deadlock") return true;
  // P2034: Prisma's "write conflict or deadlock"; P2028: the transaction could not start in time
  // (every connection busy): nothing ran, so running it again is safe.
  if (isPrismaError(error, "P2034") || isPrismaError(error, "P2028")) return true;
  // The client's own words when the pool gave it no connection before maxWait (Prisma 6.19).
  if (error instanceof Error && /^Unknown transaction status/.test(error.message)) return true;
  // P2002 from Prisma's own queries; a raw statement's (lib/db/bulk.ts) arrives as the driver's kind
  return retryUniqueViolations && (isPrismaError(error, "P2002") || kind === "UniqueConstraintViolation");
}

const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.min(250, 5 * 2 ** attempt) * (0.5 + Math.random())));

/** Collisions this process retried, by kind: for tests and the operator's curiosity. */
export const transactionRetries: Record<string, number> = {};

function conflictKind(error: unknown): string {
  return databaseFailureKind(error) ?? (error as { code?: string }).code ?? "unknown";
}

/** Per client (one per app server) and key, the end of its queue of locked transactions. */
const queuesOf = new WeakMap<PrismaClient, Map<string, Promise<void>>>();

/** Runs `work` after every earlier call with the same client and key has settled (FIFO). */
async function oneAtATime<T>(client: PrismaClient, key: string, work: () => Promise<T>): Promise<T> {
  let queues = queuesOf.get(client);
  if (!queues) {
    queues = new Map();
    queuesOf.set(client, queues);
  }
  const before = queues.get(key) ?? Promise.resolve();
  let done = () => {};
  const mine = new Promise<void>((resolve) => {
    done = resolve;
  });
  const tail = before.then(() => mine);
  queues.set(key, tail);
  await before;
  try {
    return await work();
  } finally {
    done();
    if (queues.get(key) === tail) queues.delete(key);
  }
}

export async function writeTransaction<T>(
  client: PrismaClient,
  work: (tx: TransactionClient) => Promise<T>,
  { retryUniqueViolations = false, timeout = 10_000, serializeOn }: WriteOptions = {},
): Promise<T> {
  const postgres = clientProvider(client) === "postgres";
  const locked = postgres && serializeOn !== undefined;
  const run = locked
    ? async (tx: TransactionClient) => {
        await tx.$executeRawUnsafe(
          `SELECT pg_advisory_xact_lock(hashtextextended($1, ${ADVISORY_LOCK_SEED}))`,
          serializeOn,
        );
        return work(tx);
      }
    : work;
  const attempts = async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await client.$transaction(run, {
          // SQLite has one level; PostgreSQL's default READ COMMITTED is what the lock needs.
          ...(locked ? {} : { isolationLevel: "Serializable" as const }),
          maxWait: TRANSACTION_MAX_WAIT_MS,
          timeout,
        });
      } catch (error) {
        if (attempt + 1 >= TRANSACTION_RETRIES || !isTransactionConflict(error, { retryUniqueViolations })) throw error;
        const kind = conflictKind(error);
        transactionRetries[kind] = (transactionRetries[kind] ?? 0) + 1;
        await pause(attempt);
      }
    }
  };
  return locked ? oneAtATime(client, serializeOn, attempts) : attempts();
}
