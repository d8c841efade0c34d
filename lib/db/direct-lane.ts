/**
 * The bulk statements' way past Prisma's query compiler (ADR 39). Every raw statement sent
 * through a Prisma client is compiled with its parameters: a 1 MB JSON document is copied into
 * WebAssembly and back several times (measured 25–40 ms per 560 KB document; the driver itself
 * takes ~0.5 ms to receive it). lib/db/bulk.ts binds documents of up to ~1 MB, so it sends them
 * to the driver adapter beneath the client instead: the adapter's own `queryRaw`/`executeRaw`,
 * the very calls Prisma makes after compiling.
 *
 * Outside a transaction that is the adapter itself. Inside one it must be the adapter's
 * transaction that Prisma's `tx` runs on: `inDirectLaneScope` opens an AsyncLocalStorage scope
 * in which the adapter records the transaction it starts (Prisma starts it in the caller's async
 * context), and `directLane(client)` hands it out while it is open. When that cannot be known
 * for sure — no scope, a second transaction started in the same scope while one is open, or it
 * has ended — there is no lane and the caller goes through Prisma (slower, same result).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { noteIfOutage } from "./outage-scope";

/** The part of Prisma's SqlQuery the bulk statements use: every argument a string. */
type SqlQuery = { sql: string; args: unknown[]; argTypes: { scalarType: "string"; arity: "scalar" }[] };
type ResultSet = { columnNames: string[]; rows: unknown[][] };
type Queryable = {
  queryRaw(query: SqlQuery): Promise<ResultSet>;
  executeRaw(query: SqlQuery): Promise<number>;
};
type Adapter = Queryable & { startTransaction(...args: unknown[]): Promise<Transaction> };
type Transaction = Queryable & { commit(): Promise<void>; rollback(): Promise<void> };
type Factory = { connect(): Promise<Adapter> };

/** What statements a lane runs: text SQL with string parameters. */
export type Lane = {
  query<T>(sql: string, args: string[]): Promise<T[]>;
  execute(sql: string, args: string[]): Promise<number>;
};

type Scope = { open?: Transaction; ambiguous: boolean };

const KEY = Symbol.for("gradlab.db.direct-lane");
const globalForLane = globalThis as unknown as { [KEY]?: AsyncLocalStorage<Scope> };
globalForLane[KEY] ??= new AsyncLocalStorage<Scope>();
const scopes = globalForLane[KEY];

/** Each client's connected adapter, filled in when Prisma connects (see laneFactory). */
export type AdapterSlot = { adapter?: Adapter };

const bind = <T extends object>(target: T, prop: string | symbol) => {
  const value = Reflect.get(target, prop, target);
  return typeof value === "function" ? value.bind(target) : value;
};

/** A transaction that, once it commits or rolls back, is no longer anyone's lane. */
function watched(tx: Transaction, scope: Scope): Transaction {
  const end = (how: "commit" | "rollback") => () => {
    if (scope.open === proxy) scope.open = undefined;
    return tx[how]();
  };
  const proxy: Transaction = new Proxy(tx, {
    get: (target, prop) => (prop === "commit" || prop === "rollback" ? end(prop) : bind(target, prop)),
  });
  return proxy;
}

/**
 * The driver adapter factory a client is made with, unchanged except that the adapter it
 * connects is kept in `slot` and records, in a direct-lane scope, the transaction it starts.
 */
export function laneFactory<F extends object>(factory: F, slot: AdapterSlot): F {
  const connect = async () => {
    const adapter = (await (factory as unknown as Factory).connect()) as Adapter;
    const startTransaction = async (...args: unknown[]) => {
      const tx = await adapter.startTransaction(...args);
      const scope = scopes.getStore();
      if (!scope) return tx;
      if (scope.open) {
        scope.ambiguous = true; // two at once in one scope: which one is `tx`'s is unknowable here
        return tx;
      }
      scope.open = watched(tx, scope);
      return scope.open;
    };
    const wrapped = new Proxy(adapter, {
      get: (target, prop) => (prop === "startTransaction" ? startTransaction : bind(target, prop)),
    });
    slot.adapter = wrapped;
    return wrapped;
  };
  return new Proxy(factory, { get: (target, prop) => (prop === "connect" ? connect : bind(target, prop)) });
}

/** Runs `work` (which starts at most one transaction at a time) in a scope where directLane can find it. */
export function inDirectLaneScope<T>(work: () => Promise<T>): Promise<T> {
  return scopes.run({ ambiguous: false }, work);
}

function laneOver(queryable: Queryable): Lane {
  const query = (sql: string, args: string[]): SqlQuery => ({
    sql,
    args,
    argTypes: args.map(() => ({ scalarType: "string", arity: "scalar" })),
  });
  return {
    async query<T>(sql: string, args: string[]) {
      try {
        const { columnNames, rows } = await queryable.queryRaw(query(sql, args));
        return rows.map((row) => Object.fromEntries(columnNames.map((name, i) => [name, row[i]])) as T);
      } catch (error) {
        throw noteIfOutage(error);
      }
    },
    async execute(sql: string, args: string[]) {
      try {
        return await queryable.executeRaw(query(sql, args));
      } catch (error) {
        throw noteIfOutage(error);
      }
    },
  };
}

/**
 * The lane for statements that belong to the scope's open transaction (`inTransaction`) or to
 * no transaction; null when it cannot be known for sure (then use Prisma).
 */
export function directLane(slot: AdapterSlot | undefined, inTransaction: boolean): Lane | null {
  if (!inTransaction) return slot?.adapter ? laneOver(slot.adapter) : null;
  const scope = scopes.getStore();
  if (!scope || scope.ambiguous || !scope.open) return null;
  return laneOver(scope.open);
}

const SLOT = Symbol.for("gradlab.db.adapter-slot");
type Slotted = { [SLOT]?: AdapterSlot };

/** Keeps a client's adapter slot on the client (under a registered symbol, like its provider). */
export function attachAdapterSlot<C extends object>(client: C, slot: AdapterSlot): C {
  Object.defineProperty(client, SLOT, { value: slot });
  return client;
}

/** The adapter slot of a client made by createPrismaClient, if any. */
export const adapterSlotOf = (client: object): AdapterSlot | undefined => (client as Slotted)[SLOT];
