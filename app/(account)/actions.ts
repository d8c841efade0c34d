"use server";
/**
 * Sign-up, sign-in and sign-out. Each validates with the shared zod schema, goes through
 * better-auth's handler (rate limit, hooks: the guest's progress moves into a new account) and
 * answers with a translated message instead of throwing.
 */
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { callAuth } from "@/lib/accounts/call-auth.server";
import { authErrorKey, placeholderEmail, SignInSchema, SignUpSchema } from "@/lib/accounts/credentials";
import { prisma } from "@/lib/db/client.server";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { type FormState, fieldErrors } from "@/lib/ui/form-state";

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
  await rememberLanguageOf(data?.user);
  redirect(safeNext(formData.get("next")));
}

/** The language is remembered per learner: signing in on another browser switches to it. */
async function rememberLanguageOf(user: unknown): Promise<void> {
  const id = typeof user === "object" && user !== null && "id" in user ? (user as { id: unknown }).id : undefined;
  if (typeof id !== "string") return;
  const row = await prisma.user.findUnique({ where: { id }, select: { locale: true } });
  if (row && isLocale(row.locale)) {
    (await cookies()).set(LOCALE_COOKIE, row.locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
  }
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
