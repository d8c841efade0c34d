/**
 * better-auth's endpoints (sign-up, sign-in, sign-out, sessions), rate-limited by the library. A
 * POST from another site is refused before the library sees it (it has its own origin check too),
 * and so is a JSON body that is not an object: the library answers `0`, `[]` or `null` with a 500.
 */
import { authFor } from "@/lib/accounts/auth.server";
import { DEFAULT_BODY_LIMIT_BYTES, parseJsonText, readBodyText } from "@/lib/http/body";
import { jsonError } from "@/lib/http/json";
import { refuseCrossSite } from "@/lib/http/origin";

async function handle(req: Request): Promise<Response> {
  return authFor(req.headers, req.url).handler(req);
}

async function post(req: Request): Promise<Response> {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) return handle(req);
  const text = await readBodyText(req, DEFAULT_BODY_LIMIT_BYTES);
  if (!text.ok) return text.response;
  if (text.value.trim() !== "") {
    const json = parseJsonText(text.value);
    if (!json.ok) return json.response;
    if (typeof json.value !== "object" || json.value === null || Array.isArray(json.value))
      return jsonError(400, "Send the fields as a JSON object.");
  }
  // the body has been read: hand the library a request with the same headers and body
  return handle(new Request(req.url, { method: "POST", headers: req.headers, body: text.value }));
}

export { handle as GET, post as POST };
