/**
 * Route handlers during a database outage: 503 with Retry-After and a sentence in the person's
 * language (their NEXT_LOCALE cookie, else Accept-Language), instead of a 500 — the outage is
 * ours and passes; the request was fine and may simply be sent again. Pages get the same through
 * their error boundary's retry page.
 */
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { jsonError } from "@/lib/http/json";
import { readCookie } from "@/lib/http/request";
import { isLocale, LOCALE_COOKIE, type Locale, localeFromAcceptLanguage } from "@/lib/i18n/locales";
import { messagesFor } from "@/lib/i18n/messages";

/** Seconds a client should wait before trying again: a restart or failover takes a few. */
export const OUTAGE_RETRY_AFTER_S = 5;

function localeOf(request: Request): Locale {
  const chosen = readCookie(request.headers.get("cookie"), LOCALE_COOKIE);
  return isLocale(chosen) ? chosen : localeFromAcceptLanguage(request.headers.get("accept-language"));
}

export function outageResponse(request: Request): Response {
  const errors = messagesFor(localeOf(request)).errors as { unavailable: string };
  const response = jsonError(503, errors.unavailable);
  response.headers.set("retry-after", String(OUTAGE_RETRY_AFTER_S));
  return response;
}

/** The handler, answering 503 when it fails because the database is unreachable. */
export function answeringOutages<C extends unknown[]>(
  handler: (request: Request, ...rest: C) => Promise<Response>,
): (request: Request, ...rest: C) => Promise<Response> {
  return async (request, ...rest) => {
    try {
      return await handler(request, ...rest);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      console.error("database unavailable:", (error as Error).message?.split("\n")[0]);
      return outageResponse(request);
    }
  };
}
