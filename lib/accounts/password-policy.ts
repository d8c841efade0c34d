/**
 * The password policy the server enforces on every new password (sign-up, change, reset), on top
 * of the form's rule (credentials.ts, isStrongPassword): 8–128 characters with a letter and a
 * non-letter, no control characters (a NUL is not something a person types), not one of the
 * ~49,000 most common passwords of @zxcvbn-ts/language-common (the list zxcvbn-ts keeps up to
 * date), compared case-insensitively, and not the account's own username or email name.
 * Answers a message key of `account.errors`, or null.
 */
import { dictionary } from "@zxcvbn-ts/language-common";
import { isStrongPassword } from "./credentials";

export type PasswordProblem = "passwordWeak" | "passwordCommon";

let common: Set<string> | undefined;

/** The list, read into a set the first time a password is checked (about 4 MB, once per process). */
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return common;
}

export function passwordProblem(
  password: unknown,
  account: { username?: unknown; email?: unknown } = {},
): PasswordProblem | null {
  if (typeof password !== "string" || !isStrongPassword(password) || /\p{Cc}/u.test(password)) return "passwordWeak";
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return "passwordCommon";
  const names = [account.username, typeof account.email === "string" ? account.email.split("@")[0] : undefined];
  if (names.some((n) => typeof n === "string" && n.length > 0 && n.toLowerCase() === lower)) return "passwordCommon";
  return null;
}
