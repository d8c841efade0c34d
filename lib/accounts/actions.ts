"use server";
/**
 * The learner's account: sign-up, sign-in, sign-out (here and everywhere), their settings, and
 * the language switch. Each validates with the schema its form shares, goes through better-auth's
 * handler where an account is involved (rate limit, hooks: a guest's progress moves into a new
 * account) and answers with a translated message instead of throwing.
 */
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getUserLocale, saveUserLocale, saveUserSettings } from "@/lib/db/users.server";
import { PREFERENCE_COOKIE, sameOriginPath } from "@/lib/http/request";
import { isLocale, LOCALE_COOKIE, type Locale } from "@/lib/i18n/locales";
import { type FormState, fieldErrors } from "@/lib/ui/form-state";
import { callAuth } from "./call-auth.server";
import { authErrorKey, placeholderEmail, SignInSchema, SignUpSchema } from "./credentials";
import { getCurrentUser, getOrCreateUser } from "./current-user.server";
import { SettingsSchema } from "./settings";

/** Where to go after signing in or up: a path on this site from the form, else the dashboard. */
function safeNext(value: FormDataEntryValue | null): string {
  return typeof value === "string" && /^\/(?!\/)[\w\-/?=&%.]*$/.test(value) ? value : "/dashboard";
}

async function rememberLocale(locale: Locale): Promise<void> {
  (await cookies()).set(LOCALE_COOKIE, locale, PREFERENCE_COOKIE);
}

export async function signUp(_prev: FormState, formData: FormData): Promise<FormState> {
  const t = await getTranslations("account.errors");
  const parsed = SignUpSchema.safeParse({
    username: formData.get("username") ?? undefined,
    email: formData.get("email") ?? undefined,
    password: formData.get("password"),
  });
  if (!parsed.success) {
    return {
      ok: false,
      message: t("fixFields"),
      fields: fieldErrors(parsed.error.issues, (k) => t(k as "unexpected")),
    };
  }
  const { username, email, password } = parsed.data;
  const name = username ?? email?.split("@")[0] ?? "";
  const { status, data } = await callAuth("/sign-up/email", {
    email: email ?? placeholderEmail(username ?? ""),
    password,
    name,
    ...(username ? { username } : {}),
  });
  if (status >= 400) {
    const key = authErrorKey(status, typeof data?.code === "string" ? data.code : undefined);
    return { ok: false, message: t(key as "unexpected") };
  }
  redirect(safeNext(formData.get("next")));
}

export async function signIn(_prev: FormState, formData: FormData): Promise<FormState> {
  const t = await getTranslations("account.errors");
  const parsed = SignInSchema.safeParse({ identifier: formData.get("identifier"), password: formData.get("password") });
  if (!parsed.success) {
    return {
      ok: false,
      message: t("fixFields"),
      fields: fieldErrors(parsed.error.issues, (k) => t(k as "unexpected")),
    };
  }
  const { identifier, password } = parsed.data;
  const { status, data } = identifier.includes("@")
    ? await callAuth("/sign-in/email", { email: identifier, password })
    : await callAuth("/sign-in/username", { username: identifier, password });
  if (status >= 400) {
    const key = authErrorKey(status, typeof data?.code === "string" ? data.code : undefined);
    return { ok: false, message: t(key as "unexpected") };
  }
  // The language is remembered per learner: signing in on another browser switches to it.
  const user = data?.user;
  const id = typeof user === "object" && user !== null && "id" in user ? user.id : undefined;
  const locale = typeof id === "string" ? await getUserLocale(id) : null;
  if (isLocale(locale)) await rememberLocale(locale);
  redirect(safeNext(formData.get("next")));
}

export async function signOut(): Promise<void> {
  await callAuth("/sign-out", null);
  redirect("/");
}

/** Revokes every session of the account (all browsers), then signs this one out. */
export async function signOutEverywhere(): Promise<void> {
  await callAuth("/revoke-sessions", null);
  await callAuth("/sign-out", null);
  redirect("/");
}

/** Saves the learner's settings (creating a guest if needed); field errors come back translated. */
export async function saveSettings(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = SettingsSchema.safeParse({
    newCardsPerDay: formData.get("newCardsPerDay") || undefined,
    desiredRetention: formData.get("desiredRetention") || undefined,
    locale: formData.get("locale"),
    timeZone: formData.get("timeZone"),
  });
  if (!parsed.success) {
    const t = await getTranslations("settings");
    return {
      ok: false,
      message: t("fixFields"),
      fields: fieldErrors(parsed.error.issues, (k) => t(k as "errTimeZone")),
    };
  }
  const user = await getOrCreateUser();
  await saveUserSettings(user.id, parsed.data);
  await rememberLocale(parsed.data.locale);
  const t = await getTranslations({ locale: parsed.data.locale, namespace: "settings" });
  return { ok: true, message: t("saved") };
}

/** The header's language switch: a cookie, the learner's row too (signing in elsewhere brings it along), then back. */
export async function setLocale(formData: FormData): Promise<void> {
  const locale = formData.get("locale");
  if (isLocale(locale)) {
    await rememberLocale(locale);
    const user = await getCurrentUser();
    if (user) await saveUserLocale(user.id, locale);
  }
  redirect(sameOriginPath((await headers()).get("referer")));
}
