/**
 * Which database a DATABASE_URL names. `file:` URLs (and no URL) are SQLite, the embedded
 * default; `postgresql://` and `postgres://` URLs are a PostgreSQL server
 * (docs/decisions/0013-postgresql.md). Pure: the CLI config, the app, scripts and tests share it.
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

/** The URL with its password replaced by `***`, for messages and logs. */
export function maskDatabaseUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*:)[^@/?#]*@/i, "$1***@");
}
