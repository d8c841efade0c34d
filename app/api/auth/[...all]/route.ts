/** better-auth's endpoints (sign-up, sign-in, sign-out, sessions), rate-limited by the library. */
import { authFor } from "@/lib/accounts/auth.server";

async function handle(req: Request): Promise<Response> {
  return authFor(req.headers, req.url).handler(req);
}

export { handle as GET, handle as POST };
