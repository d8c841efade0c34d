/**
 * The production server's part of ADR 25 for pages: a response that is about to go out as a 5xx
 * while its request met a database outage (lib/db/outage-scope.ts) goes out as 503 with
 * Retry-After instead — Next.js answers a page whose render failed with 500, which says "our bug"
 * to browsers, proxies and monitors alike. The body (the error page) is untouched; a response
 * that has already started (a streamed page) keeps the status it was sent with.
 */
import type { ServerResponse } from "node:http";
import { OUTAGE_RETRY_AFTER_S } from "./outage";

export function answeringOutagesWith503(res: ServerResponse, metOutage: () => boolean): void {
  const writeHead = res.writeHead.bind(res) as (status: number, ...rest: unknown[]) => ServerResponse;
  // Node's implicit header (the first write without writeHead) calls this.writeHead too.
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    if (status < 500 || status === 503 || !metOutage()) return writeHead(status, ...rest);
    res.setHeader("retry-after", String(OUTAGE_RETRY_AFTER_S));
    res.setHeader("cache-control", "no-store");
    // a reason phrase given for the old status would be wrong for the new one
    return writeHead(503, ...(typeof rest[0] === "string" ? rest.slice(1) : rest));
  }) as ServerResponse["writeHead"];
}
