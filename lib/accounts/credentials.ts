/**
 * Credentials: the username and password rules, and the sign-up and sign-in schemas shared by the
 * forms and the actions (messages are i18n keys); better-auth is configured with the same bounds.
 */
import { z } from "zod";

export const USERNAME_MIN = 3;
export const USERNAME_MAX = 30;
const USERNAME = new RegExp(`^[a-zA-Z0-9_.]{${USERNAME_MIN},${USERNAME_MAX}}$`);
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/** At least 8 characters with a letter and a digit or symbol: the "weak password" rule. */
export function isStrongPassword(p: string): boolean {
  return p.length >= PASSWORD_MIN && p.length <= PASSWORD_MAX && /\p{L}/u.test(p) && /[^\p{L}]/u.test(p);
}

const optional = <T extends z.ZodType>(s: T) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v),
    s.optional(),
  );

export const SignUpSchema = z
  .object({
    username: optional(z.string({ error: "usernameInvalid" }).regex(USERNAME, "usernameInvalid")),
    email: optional(z.email({ error: "emailInvalid" }).max(200, "emailInvalid")),
    password: z.string({ error: "passwordWeak" }).refine(isStrongPassword, "passwordWeak"),
  })
  .refine((f) => f.username !== undefined || f.email !== undefined, {
    message: "identifierMissing",
    path: ["username"],
  });

export const SignInSchema = z.object({
  identifier: z.string({ error: "identifierMissing" }).trim().min(1, "identifierMissing").max(200, "identifierMissing"),
  password: z.string({ error: "passwordMissing" }).min(1, "passwordMissing").max(PASSWORD_MAX, "wrongPassword"),
});

/** Placeholder address for accounts made with a username only (the library keys users by email). */
export function placeholderEmail(username: string): string {
  return `${username.toLowerCase()}@users.gradlab.invalid`;
}

/** The error code of a sign-in refused by its account's back-off (auth.server.ts). */
export const SIGN_IN_BACKOFF_CODE = "TOO_MANY_ATTEMPTS_FOR_ACCOUNT";

/** Maps better-auth's error codes to our message keys. */
export function authErrorKey(status: number, code: string | undefined): string {
  if (status === 429) return code === SIGN_IN_BACKOFF_CODE ? "tooManyForAccount" : "tooMany";
  switch (code) {
    case "USERNAME_IS_ALREADY_TAKEN":
    case "USERNAME_IS_ALREADY_TAKEN_PLEASE_TRY_ANOTHER":
      return "usernameTaken";
    case "INVALID_USERNAME_OR_PASSWORD":
    case "INVALID_EMAIL_OR_PASSWORD":
    case "INVALID_PASSWORD":
    case "CREDENTIAL_ACCOUNT_NOT_FOUND":
      return "wrongPassword";
    case "PASSWORD_TOO_SHORT":
    case "PASSWORD_TOO_LONG":
    case "PASSWORD_TOO_WEAK":
      return "passwordWeak";
    case "PASSWORD_TOO_COMMON":
      return "passwordCommon";
    case "USERNAME_TOO_SHORT":
    case "USERNAME_TOO_LONG":
    case "INVALID_USERNAME":
      return "usernameInvalid";
    case "INVALID_EMAIL":
      return "emailInvalid";
    default:
      return "unexpected";
  }
}

/**
 * The form field an auth error is about, so its message sits under that field; null for errors
 * about the whole form (too many attempts, something unexpected). A wrong sign-in names no
 * single field (saying which one was wrong would tell who has an account), so it goes under the
 * password. Without an email, "already exists" can only be the username's placeholder address.
 */
export function authErrorField(
  key: string,
  form: "signUp" | "signIn",
  { emailGiven }: { emailGiven: boolean },
): string | null {
  switch (key) {
    case "usernameTaken":
    case "usernameInvalid":
      return form === "signUp" ? "username" : "identifier";
    case "emailTaken":
      return form === "signIn" ? "identifier" : emailGiven ? "email" : "username";
    case "emailInvalid":
      return form === "signUp" ? "email" : "identifier";
    case "passwordWeak":
    case "wrongPassword":
    case "passwordMissing":
      return "password";
    default:
      return null;
  }
}
