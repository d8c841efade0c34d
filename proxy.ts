/**
 * Runs before every page (not /api, whose bodies it would otherwise buffer, nor static files):
 *
 * - a path with a malformed percent-escape (e.g. /questions/%E0%A4%A) is the client's mistake:
 *   400, instead of the 500 Next.js gives while decoding route params;
 * - a POST (a form's server action) from another site is refused with 403, one over the actions'
 *   size limit with 413 by its Content-Length before anything reads it, and one Next.js could
 *   not decode with a 4xx (lib/http/action-request.ts) — Next.js would answer each with a 500;
 * - the Content-Security-Policy with a fresh nonce, on the request (Next.js reads the nonce from
 *   it and puts it on its scripts) and on the response (upgrade-insecure-requests only over https).
 *
 * The headers every response carries (pages, /api, static files) are in next.config.js.
 */
import { type NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";
import { checkActionRequest } from "@/lib/http/action-request";
import { ACTION_BODY_LIMIT_BYTES } from "@/lib/http/body";
import { isSameOriginRequest } from "@/lib/http/origin";
import { isHttps } from "@/lib/http/request";
import { newNonce, pageContentSecurityPolicy } from "@/lib/http/security-headers";

function plain(status: number, text: string): NextResponse {
  return new NextResponse(`${text}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}

/** A POST to a page is a form's server action: from this site, within the size limit, in a shape Next.js can decode. */
async function refusePost(request: NextRequest): Promise<NextResponse | null> {
  if (!isSameOriginRequest(request.headers, request.url)) {
    return plain(403, "This form was sent from another site; GradLab only accepts its own forms.");
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (!(declared <= ACTION_BODY_LIMIT_BYTES)) {
    return plain(413, `The request body is too large (limit ${ACTION_BODY_LIMIT_BYTES / 1024} KB).`);
  }
  const check = await checkActionRequest(
    request.headers,
    () => request.clone().formData(),
    () => request.clone().text(),
  );
  return check.ok ? null : plain(check.status, check.message);
}

export async function proxy(request: NextRequest) {
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return plain(400, "Bad request: the address contains an invalid percent-encoded character.");
  }
  if (request.method === "POST") {
    const refused = await refusePost(request);
    if (refused) return refused;
  }

  const csp = pageContentSecurityPolicy({
    nonce: newNonce(),
    dev: env.NODE_ENV === "development",
    https: isHttps(request.headers, request.url),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      // next/link prefetches carry no document: no policy needed
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
