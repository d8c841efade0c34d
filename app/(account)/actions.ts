"use server";
/**
 * Sign-up and sign-in (the forms of /signup and /signin). Each validates with the schema its form
 * shares, goes through better-auth's handler (rate limits, the password policy, hooks: a guest's
 * progress moves into the account on signing in) and answers with a translated message instead
 * of throwing — under the field it is about, with what was typed kept. Signing up is creating the
 * account, then signing in to it.
 */
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { callAuth } from "@/lib/accounts/call-auth.server";
import { authErrorField, authErrorKey, placeholderEmail, SignInSchema, SignUpSchema } from "@/lib/accounts/credentials";
import { getUserLocale } from "@/lib/db/users.server";
import { safeLocalPath } from "@/lib/http/request";
import { rememberLocale } from "@/lib/i18n/locale-cookie.server";
import { isLocale } from "@/lib/i18n/locales";
import { type FormState, fieldErrors } from "@/lib/ui/form-state";

type AuthAnswer = Awaited<ReturnType<typeof callAuth>>;

/** better-auth's refusal as one of our message keys. */
function errorKey({ status, data }: AuthAnswer): "unexpected" {
  return authErrorKey(status, typeof data?.code === "string" ? data.code : undefined) as "unexpected";
}

/** What was typed in the text fields (never the password), to fill a form re-rendered without JavaScript. */
function typed(formData: FormData, names: string[]): Record<string, string> {
  return Object.fromEntries(
    names.flatMap((n) => {
      const v = formData.get(n);
      return typeof v === "string" ? [[n, v.slice(0, 200)]] : [];
    }),
  );
}

/** A refusal from better-auth, under the field it is about (a username taken goes under Username). */
async function refused(
  answer: AuthAnswer,
  form: "signUp" | "signIn",
  values: Record<string, string>,
): Promise<FormState> {
  const t = await getTranslations("account.errors");
  const key = errorKey(answer);
  const field = authErrorField(key, form, { emailGiven: Boolean(values.email?.trim()) });
  // the wait, in whole minutes, for the messages that name it (the others ignore it)
  const message = t(key, { minutes: Math.max(1, Math.ceil((answer.retryAfterS ?? 60) / 60)) });
  // one message about one field: it is said under that field (the form has no summary of its own)
  return field ? { ok: false, fields: { [field]: message }, values } : { ok: false, message, values };
}

/** Signs in by username or by email (an identifier with an @). */
function signInWith(identifier: string, password: string): Promise<AuthAnswer> {
  return identifier.includes("@")
    ? callAuth("/sign-in/email", { email: identifier, password })
    : callAuth("/sign-in/username", { username: identifier, password });
}

/** Where to go after signing in or up: a path on this site from the form, else the dashboard. */
const safeNext = (value: FormDataEntryValue | null) => safeLocalPath(value, "/dashboard");

export async function signUp(_prev: FormState, formData: FormData): Promise<FormState> {
  const t = await getTranslations("account.errors");
  if (!(formData instanceof FormData)) return { ok: false, message: t("fixFields") };
  const values = typed(formData, ["username", "email"]);
  const parsed = SignUpSchema.safeParse({
    username: formData.get("username") ?? undefined,
    email: formData.get("email") ?? undefined,
    password: formData.get("password"),
  });
  if (!parsed.success) {
    return {
      ok: false,
      message: t("fixFields"),
      fields: fieldErrors(parsed.error.issues, (k) =>
        t.has(k as "unexpected") ? t(k as "unexpected") : t("unexpected"),
      ),
      values,
    };
  }
  const { username, email, password } = parsed.data;
  const name = username ?? email?.split("@")[0] ?? "";
  const created = await callAuth("/sign-up/email", {
    email: email ?? placeholderEmail(username ?? ""),
    password,
    name,
    ...(username ? { username } : {}),
  });
  if (created.status >= 400) return refused(created, "signUp", values);
  // Sign-up answers alike for a new and a taken email (ADR 11); signing in tells them apart for
  // the person who knows the password, and says nothing more to anyone else.
  const signedIn = await signInWith(username ?? email ?? "", password);
  if (signedIn.status === 429) return { ok: false, message: t("tooMany"), values };
  if (signedIn.status >= 400) return { ok: false, message: t("signUpFailed"), values };
  redirect(safeNext(formData.get("next")));
}

export async function signIn(_prev: FormState, formData: FormData): Promise<FormState> {
  const t = await getTranslations("account.errors");
  if (!(formData instanceof FormData)) return { ok: false, message: t("fixFields") };
  const values = typed(formData, ["identifier"]);
  const parsed = SignInSchema.safeParse({ identifier: formData.get("identifier"), password: formData.get("password") });
  if (!parsed.success) {
    return {
      ok: false,
      message: t("fixFields"),
      fields: fieldErrors(parsed.error.issues, (k) =>
        t.has(k as "unexpected") ? t(k as "unexpected") : t("unexpected"),
      ),
      values,
    };
  }
  const { identifier, password } = parsed.data;
  const signedIn = await signInWith(identifier, password);
  if (signedIn.status >= 400) return refused(signedIn, "signIn", values);
  const { data } = signedIn;
  // The language is remembered per learner: signing in on another browser switches to it.
  const user = data?.user;
  const id = typeof user === "object" && user !== null && "id" in user ? user.id : undefined;
  const locale = typeof id === "string" ? await getUserLocale(id) : null;
  if (isLocale(locale)) await rememberLocale(locale);
  redirect(safeNext(formData.get("next")));
}
