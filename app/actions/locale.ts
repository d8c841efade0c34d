"use server";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/accounts/current-user.server";
import { prisma } from "@/lib/db/client.server";
import { sameOriginPath } from "@/lib/http/request";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/locales";

/** Remembers the chosen language in a cookie and returns to the page the learner was on. */
export async function setLocale(formData: FormData): Promise<void> {
  const locale = formData.get("locale");
  if (isLocale(locale)) {
    (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
    // Remembered per learner too, so signing in elsewhere brings the language along.
    const user = await getCurrentUser();
    if (user) await prisma.user.update({ where: { id: user.id }, data: { locale } });
  }
  redirect(sameOriginPath((await headers()).get("referer")));
}
