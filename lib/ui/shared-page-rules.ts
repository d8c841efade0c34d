/**
 * What a page shared by every visitor without a session is rendered from, for the server's page
 * cache (lib/http/page-cache.ts, ADR 40): the language as the next-intl request config picks it
 * (lib/i18n/request.ts: the cookie, else Accept-Language), the theme as the root layout reads it,
 * and the `<html>` attributes the layout writes for them (the layout uses `htmlAttributes` too, so
 * the cache's check that a stored page is the one its key names cannot drift from the page).
 */

import { TOPICS } from "@/lib/content/schema";
import type { PageRules } from "@/lib/http/page-cache";
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage } from "@/lib/i18n/locales";
import { TIME_ZONE_COOKIE } from "@/lib/i18n/time-zones";
import { parseTheme, THEME_COOKIE } from "./theme";

/** `<html lang>` and `data-theme` of a page in this language and theme (no data-theme: follow the system). */
export function htmlAttributes(locale: string, theme: string): { lang: string; theme: string | undefined } {
  return { lang: locale === "zh" ? "zh-CN" : "en", theme: theme === "system" ? undefined : theme };
}

export const SHARED_PAGE_RULES: PageRules = {
  topics: TOPICS,
  localeCookie: LOCALE_COOKIE,
  themeCookie: THEME_COOKIE,
  // read only by the pages of a learner (their days), never by a shared one
  unreadCookies: [TIME_ZONE_COOKIE],
  locale: (cookie, acceptLanguage) => (isLocale(cookie) ? cookie : localeFromAcceptLanguage(acceptLanguage)),
  theme: (cookie) => parseTheme(cookie),
  htmlAttributes,
};
