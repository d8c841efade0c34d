/** The path and query of a referer URL: only ever a path on this site, never an open redirect. */
export function sameOriginPath(referer: string | null): string {
  if (!referer) return "/";
  try {
    const url = new URL(referer);
    return `${url.pathname}${url.search}`;
  } catch {
    return "/";
  }
}
