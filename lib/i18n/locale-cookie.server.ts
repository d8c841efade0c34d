/** The learner's language choice, remembered in the cookie the next-intl request config reads (request.ts). */
import "server-only";
import { cookies } from "next/headers";
import { PREFERENCE_COOKIE } from "@/lib/http/request";
import { LOCALE_COOKIE, type Locale } from "./locales";

export async function rememberLocale(locale: Locale): Promise<void> {
  (await cookies()).set(LOCALE_COOKIE, locale, PREFERENCE_COOKIE);
}
