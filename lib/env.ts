/**
 * The environment, declared and validated once (zod, as create-t3-app and epic-stack do): every
 * variable the app reads is here with its default, and nothing else reads process.env. A bad
 * value stops the process at start-up with a message naming the variable, instead of failing
 * later in an obscure way. Server-side only: client components never import it.
 */
import { isIP } from "node:net";
import { availableParallelism } from "node:os";
import { z } from "zod";

/** The embedded default database: one SQLite file in a gitignored folder, created on first run. */
const DEFAULT_DATABASE_URL = "file:./data/gradlab.db";

// ---- DATABASE_URL: which database it names, what is wrong with it, how to print it (ADR 17) ----
// `file:` URLs (and no URL) are SQLite, `postgresql://` and `postgres://` a PostgreSQL server;
// lib/db/driver.ts picks the driver from this. Pure: scripts and tests use these too.

export const DB_PROVIDERS = ["sqlite", "postgres"] as const;
export type DbProvider = (typeof DB_PROVIDERS)[number];

const POSTGRES_SCHEMES = ["postgresql:", "postgres:"] as const;

/** The provider for a URL, or null when the URL names neither. */
export function providerOf(url: string): DbProvider | null {
  const trimmed = url.trim();
  if (trimmed.startsWith("file:")) return "sqlite";
  if (POSTGRES_SCHEMES.some((scheme) => trimmed.toLowerCase().startsWith(`${scheme}//`))) return "postgres";
  return null;
}

/**
 * The URL with its password replaced by `***`, for messages and logs. Errs on the safe side: the
 * user info ends at the last `@`, so an unencoded `@` or `/` in a password is masked too.
 */
export function maskDatabaseUrl(url: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url);
  if (!scheme) return url;
  const rest = url.slice(scheme[0].length);
  const at = rest.lastIndexOf("@");
  if (at === -1) return url;
  const userInfo = rest.slice(0, at);
  const colon = userInfo.indexOf(":");
  if (colon === -1) return url;
  return `${scheme[0]}${userInfo.slice(0, colon)}:***${rest.slice(at)}`;
}

/** What is wrong with a DATABASE_URL, or null when it names a database we can open. */
export function databaseUrlProblem(url: string): string | null {
  const provider = providerOf(url);
  if (!provider) return "must be a SQLite file: URL (file:./data/gradlab.db) or a postgresql:// URL";
  if (provider === "sqlite") {
    return url.trim().slice("file:".length).split("?")[0] ? null : "names no file (e.g. file:./data/gradlab.db)";
  }
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return "is not a valid URL (postgresql://user:password@host:5432/database; percent-encode special characters)";
  }
  if (!parsed.hostname) return "names no host (postgresql://user:password@host:5432/database)";
  if (parsed.pathname.replace(/^\//, "") === "")
    return "names no database (postgresql://user:password@host:5432/database)";
  return null;
}

/** Signs development and test sessions without any setup; refused in production. */
export const DEV_AUTH_SECRET = "gradlab-development-secret-not-for-production-use-0001";
export const AUTH_SECRET_MIN_LENGTH = 32;

const PROXY_NAMES = ["loopback", "linklocal", "uniquelocal"];
/** An IP address, a CIDR range (address/bits) or one of proxy-addr's names. */
function isProxySpec(spec: string): boolean {
  if (PROXY_NAMES.includes(spec)) return true;
  const [address = "", bits, ...rest] = spec.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128);
}

const port = z.coerce.number().int().min(1, "must be a port number").max(65535, "must be a port number");

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .trim()
      .superRefine((url, ctx) => {
        const problem = databaseUrlProblem(url);
        if (problem) ctx.addIssue({ code: "custom", message: `${problem} (got "${maskDatabaseUrl(url)}")` });
      })
      .default(DEFAULT_DATABASE_URL),
    /** Signs session cookies. Unset: the development default, or in production a generated data/auth-secret. */
    BETTER_AUTH_SECRET: z
      .string()
      .trim()
      .min(
        AUTH_SECRET_MIN_LENGTH,
        `must be at least ${AUTH_SECRET_MIN_LENGTH} characters (generate one: openssl rand -base64 32)`,
      )
      .optional(),
    /** The site's public origin behind a proxy; unset, better-auth takes it from each request. */
    BETTER_AUTH_URL: z.url("must be the site's public URL, e.g. https://gradlab.example").optional(),
    /**
     * Worker threads for the simulation engine. Default: one per core, and at least two even on a
     * two-core machine, so one heavy run never queues the next learner's small one (ADR 6).
     */
    SIM_WORKERS: z.coerce
      .number()
      .int()
      .min(1)
      .max(64)
      .default(() => Math.max(2, availableParallelism())),
    /**
     * Guests one client address (an IPv6 /64) may create per hour, on all app servers together.
     * The default lets a class of 300 behind one school address all arrive at once.
     */
    GUEST_CREATIONS_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(300),
    /** The port the server listens on (server.ts; `next dev` reads it itself). */
    PORT: port.default(3000),
    /** The address the server listens on: every interface by default, 127.0.0.1 for loopback only. */
    HOST: z.string().trim().min(1).default("0.0.0.0"),
    /**
     * The reverse proxies whose X-Forwarded-For is believed (lib/http/forwarded.ts): a comma-separated
     * list of addresses, CIDR ranges or the names loopback, linklocal, uniquelocal. Unset: none, so
     * a client's own X-Forwarded-For is ignored and the connection's address counts.
     */
    TRUSTED_PROXIES: z
      .string()
      .default("")
      .transform((list) =>
        list
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .refine((list) => list.every(isProxySpec), {
        message: "must be addresses, CIDR ranges or loopback, linklocal, uniquelocal, separated by commas",
      }),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && env.BETTER_AUTH_SECRET === DEV_AUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["BETTER_AUTH_SECRET"],
        message: "is the public development default; set a secret of your own in production",
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

/** The variables of the test and screenshot tools (Playwright, scripts/screenshots.ts); the app never reads them. */
const ToolEnvSchema = z.object({
  /** the port of the end-to-end tests' server (restart and account tests use the next one too) */
  E2E_PORT: port.default(3210),
  /** Debian's Chromium; Playwright cannot download its own browser here */
  CHROMIUM_PATH: z.string().default("/usr/bin/chromium"),
  /** the throwaway PostgreSQL server of `npm run test:postgres` (scripts/postgres.ts): its app database */
  GRADLAB_PG_URL: z.string().optional(),
  /** …and its superuser */
  GRADLAB_PG_ADMIN_URL: z.string().optional(),
  /** set by CI systems: `.only` fails the run */
  CI: z
    .string()
    .optional()
    .transform((v) => v !== undefined),
});

export type ToolEnv = z.infer<typeof ToolEnvSchema>;

type Source = Record<string, string | number | undefined>;

/** An empty variable (`DATABASE_URL=`) counts as unset, as in a shell. */
function withoutEmpty(source: Source): Source {
  return Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === "" ? undefined : v]));
}

function parse<S extends z.ZodType>(schema: S, source: Source): z.output<S> {
  const parsed = schema.safeParse(withoutEmpty(source));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export function parseEnv(source: Source): Env {
  return parse(EnvSchema, source);
}

/** The app's environment, read once. */
export const env: Env = parseEnv(process.env);

/** The tools' variables, read when a tool asks (so a tool's typo never stops the app). */
export function toolEnv(): ToolEnv {
  return parse(ToolEnvSchema, process.env);
}
