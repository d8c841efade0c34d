/**
 * The browser's side of our JSON APIs: request ids made before sending, and POSTs retried with
 * the same body (the same id) until the server answers.
 */

/** RFC 4122 v4; crypto.randomUUID exists only in secure contexts (not on a plain-http LAN address). */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export type PostResult =
  | { kind: "ok"; data: unknown }
  | { kind: "refused"; status: number; error: string }
  /** no answer worth keeping; `error`: the server's own sentence when it answered (a 503 during an outage) */
  | { kind: "network"; error?: string };

const RETRY_DELAYS_MS = [0, 400, 1200, 3000];

/** POSTs JSON; retries the same body on network errors, 408, 429 and 5xx; any other 4xx is an answer. */
export async function postJson(url: string, body: unknown): Promise<PostResult> {
  let lastError: string | undefined;
  for (const delay of RETRY_DELAYS_MS) {
    if (delay) await new Promise((r) => setTimeout(r, delay));
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (res.ok) return { kind: "ok", data: await res.json() };
      const json = (await res.json().catch(() => null)) as { error?: unknown } | null;
      const error = typeof json?.error === "string" ? json.error : undefined;
      if (res.status < 500 && res.status !== 408 && res.status !== 429) {
        return { kind: "refused", status: res.status, error: error ?? res.statusText };
      }
      lastError = error;
    } catch {
      // network failure: try again with the same body (same request id)
    }
  }
  return lastError === undefined ? { kind: "network" } : { kind: "network", error: lastError };
}
