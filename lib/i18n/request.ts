/**
 * next-intl request config: the locale comes from a cookie, else the browser's languages — unless
 * the caller names one (code inside "use cache" cannot read the request).
 */
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage } from "./locales";
import { messagesFor } from "./messages";

export default getRequestConfig(async ({ locale: explicit }) => {
  // An explicit locale (getTranslations({ locale })) needs no request: cached components pass theirs.
  if (isLocale(explicit)) return { locale: explicit, messages: messagesFor(explicit) };
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(fromCookie) ? fromCookie : localeFromAcceptLanguage((await headers()).get("accept-language"));
  return { locale, messages: messagesFor(locale) };
});
