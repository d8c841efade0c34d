"use server";
/**
 * Sign-up and sign-in (the forms of /signup and /signin). Each validates with the schema its form
 * shares, goes through better-auth's handler (rate limit, hooks: a guest's progress moves into a
 * new account) and answers with a translated message instead of throwing.
 */
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { callAuth } from "@/lib/accounts/call-auth.server";
import { authErrorKey, placeholderEmail, SignInSchema, SignUpSchema } from "@/lib/accounts/credentials";
import { getUserLocale } from "@/lib/db/users.server";
import { rememberLocale } from "@/lib/i18n/locale-cookie.server";
import { isLocale } from "@/lib/i18n/locales";
import { type FormState, fieldErrors } from "@/lib/ui/form-state";

/** Where to go after signing in or up: a path on this site from the form, else the dashboard. */
function safeNext(value: FormDataEntryValue | null): string {
  return typeof value === "string" && /^\/(?!\/)[\w\-/?=&%.]*$/.test(value) ? value : "/dashboard";
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
