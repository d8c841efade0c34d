/**
 * better-auth's endpoints (sign-up, sign-in, sign-out, sessions), rate-limited by the library. A
 * POST from another site is refused before the library sees it (it has its own origin check too).
 */
import { authFor } from "@/lib/accounts/auth.server";
import { refuseCrossSite } from "@/lib/http/origin";

async function handle(req: Request): Promise<Response> {
  return authFor(req.headers, req.url).handler(req);
}

async function post(req: Request): Promise<Response> {
  return refuseCrossSite(req) ?? handle(req);
}

export { handle as GET, post as POST };
