/**
 * Runs before routing. Next.js answers a path with a malformed percent-escape (e.g. /questions/%E0%A4%A)
 * with a 500 while decoding route params; such a URL is the client's mistake, so say so with a 400.
 */
import { type NextRequest, NextResponse } from "next/server";

export function proxy(request: NextRequest) {
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return new NextResponse("Bad request: the address contains an invalid percent-encoded character.\n", {
      status: 400,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  return NextResponse.next();
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
