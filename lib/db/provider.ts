/**
 * Which database a DATABASE_URL names. `file:` URLs (and no URL) are SQLite, the embedded
 * default; `postgresql://` and `postgres://` URLs are a PostgreSQL server
 * (docs/decisions/0017-postgresql.md). Pure: the CLI config, the app, scripts and tests share it.
 */
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
