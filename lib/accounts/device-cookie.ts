/**
 * The device cookie (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"; ADR 30): a
 * browser that signed in to an account keeps the account's id and a random nonce, signed with
 * the auth secret, so that its later sign-ins to that account are counted apart from strangers'
 * guesses — an attacker's failures elsewhere never lock the owner's own browsers out.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const DEVICE_COOKIE = "gradlab_device";
export const DEVICE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;

const mac = (secret: string, payload: string) =>
  createHmac("sha256", secret).update(`gradlab-device:${payload}`).digest("base64url");

/** A new device cookie's value for `accountId`. */
export function newDeviceCookie(secret: string, accountId: string): string {
  const payload = `${accountId}.${randomBytes(16).toString("base64url")}`;
  return `${payload}.${mac(secret, payload)}`;
}

/** The device's nonce when `value` is a cookie signed under `secret` for `accountId`; else null. */
export function deviceNonce(secret: string, value: string | undefined, accountId: string): string | null {
  const parts = (value ?? "").split(".");
  if (parts.length !== 3) return null;
  const [id = "", nonce = "", signature = ""] = parts;
  if (id !== accountId || nonce === "") return null;
  const expected = Buffer.from(mac(secret, `${id}.${nonce}`));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? nonce : null;
}
