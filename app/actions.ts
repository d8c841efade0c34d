"use server";
/**
 * The root layout's actions, behind the site header: the theme and language switches, and
 * signing out (here, or on every browser). Pages below may use them too (the settings page does).
 */
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { callAuth } from "@/lib/accounts/call-auth.server";
import { getCurrentUser } from "@/lib/accounts/current-user.server";
import { forgetSessionOnThisBrowser, type SignedOutNotice } from "@/lib/accounts/sign-out.server";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { saveUserLocale } from "@/lib/db/users.server";
import { PREFERENCE_COOKIE, sameOriginPath } from "@/lib/http/request";
import { rememberLocale } from "@/lib/i18n/locale-cookie.server";
import { isLocale } from "@/lib/i18n/locales";
import { THEME_COOKIE, THEMES } from "@/lib/ui/theme";

/** The theme switch: remembers the colour theme and returns to the page the learner was on. */
export async function setTheme(formData: FormData): Promise<void> {
  const theme = formData instanceof FormData ? formData.get("theme") : null;
  if (typeof theme === "string" && (THEMES as readonly string[]).includes(theme)) {
    (await cookies()).set(THEME_COOKIE, theme, PREFERENCE_COOKIE);
  }
  redirect(sameOriginPath((await headers()).get("referer")));
}

/** The language switch: a cookie, the learner's row too (signing in elsewhere brings it along), then back. */
export async function setLocale(formData: FormData): Promise<void> {
  const locale = formData instanceof FormData ? formData.get("locale") : null;
  if (isLocale(locale)) {
    await rememberLocale(locale);
    const user = await getCurrentUser();
    if (user) await saveUserLocale(user.id, locale);
  }
  redirect(sameOriginPath((await headers()).get("referer")));
}

/**
 * Runs better-auth's sign-out `steps`; when the database is away, this browser is signed out all
 * the same (its cookies deleted) and the sign-in page says the server could not be told
 * (`notice`), instead of an error page that leaves the learner signed in. ADR 32.
 */
async function signingOut(steps: () => Promise<unknown>, notice: SignedOutNotice): Promise<never> {
  try {
    await steps();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    await forgetSessionOnThisBrowser();
    redirect(`/signin?signedOut=${notice}`);
  }
  redirect("/");
}

export async function signOut(): Promise<void> {
  await signingOut(() => callAuth("/sign-out", null), "offline");
}

/** Revokes every session of the account (all browsers), then signs this one out. */
export async function signOutEverywhere(): Promise<void> {
  await signingOut(async () => {
    await callAuth("/revoke-sessions", null);
    await callAuth("/sign-out", null);
  }, "offlineEverywhere");
}
