/**
 * Accounts, with better-auth: email + password (hashed by the library, scrypt), the username
 * plugin (sign in with a username or an email), sessions stored in the Session table, httpOnly
 * SameSite=Lax cookies (Secure, with the __Secure- prefix, when the request came over https),
 * and rate-limited sign-in/sign-up (per address by the library, per account with a back-off here);
 * the server's password policy (password-policy.ts) and profile rules (profile.ts). Guests keep our own lightweight session (current-user.server.ts); signing
 * in — right after signing up, or into an existing account — moves the guest's progress into the
 * account (lib/db/users.server.ts) and ends the guest.
 */
import "server-only";
import { createHash } from "node:crypto";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { username } from "better-auth/plugins";
import { prisma } from "@/lib/db/client.server";
import { databaseProvider } from "@/lib/db/driver";
import { resetSharedBackoff, takeSharedBackoff } from "@/lib/db/limits.server";
import { inOutageScope } from "@/lib/db/outage-scope";
import { findAccountId, findSessionUser, moveGuestProgress, saveUserTimeZone } from "@/lib/db/users.server";
import { env } from "@/lib/env";
import type { Backoff } from "@/lib/http/rate-limit";
import { isHttps, readCookie } from "@/lib/http/request";
import { detectedTimeZone, TIME_ZONE_COOKIE } from "@/lib/i18n/time-zones";
import { PASSWORD_MAX, PASSWORD_MIN, SIGN_IN_BACKOFF_CODE, USERNAME_MAX, USERNAME_MIN } from "./credentials";
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_S, deviceNonce, newDeviceCookie } from "./device-cookie";
import { passwordProblem } from "./password-policy";
import { profileProblem } from "./profile";
import { resolveAuthSecret } from "./secret.server";
import { hashSessionToken, isWellFormedToken, SESSION_COOKIE, SESSION_MAX_AGE_S } from "./session-token";

/**
 * Failed or not, at most this many sign-in requests per client address and window. Sized for a
 * class signing in behind one school NAT, not for guessing one account's password (better-auth's
 * window restarts only after `window` seconds without an allowed request, so a steady trickle of
 * classmates adds up): at 5, the sixth classmate within a minute of the previous one was refused.
 */
export const SIGN_IN_LIMIT = { window: 60, max: 30 };
export const SIGN_UP_LIMIT = { window: 60, max: 30 };

/**
 * Sign-in attempts on one account, from all addresses together (rotating addresses gains an
 * attacker nothing): ten in a row pass, then each waits 30 s after the previous one, doubling up
 * to 15 minutes at most — so a victim is never locked out for longer than that after the last
 * try, and not at all on a browser that signed in before (it counts apart: device-cookie.ts).
 * Signing in resets the count; a day without attempts forgets it. ADR 30.
 */
export const SIGN_IN_BACKOFF: Backoff = {
  free: 10,
  firstDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

/**
 * The count a sign-in to `accountId` is charged to: its own browser's when that browser carries
 * the account's device cookie (device-cookie.ts), else the account's, which strangers share.
 */
function accountBackoffKey(accountId: string, cookie: string | null | undefined, secret: string): string {
  const nonce = deviceNonce(secret, readCookie(cookie, DEVICE_COOKIE), accountId);
  return nonce ? `sign-in:device:${accountId}:${nonce}` : `sign-in:account:${accountId}`;
}

type SignInRequest = { path: string; body: Record<string, unknown>; cookie: string | null | undefined; secret: string };

/**
 * The back-off key of the account a sign-in names, by email or username: by its id when it exists
 * (both ways in share one count), else a hash of the name (an unknown name is slowed down alike,
 * so the answer tells nothing, and no typed address is stored). Null for a body without one.
 */
async function signInBackoffKey({ path, body, cookie, secret }: SignInRequest): Promise<string | null> {
  const by =
    path === "/sign-in/email" && typeof body.email === "string"
      ? { email: body.email.trim().toLowerCase() }
      : path === "/sign-in/username" && typeof body.username === "string"
        ? { username: body.username.trim().toLowerCase() }
        : null;
  if (!by) return null;
  const id = await findAccountId(by);
  if (id) return accountBackoffKey(id, cookie, secret);
  const name = "email" in by ? `email:${by.email}` : `username:${by.username}`;
  return `sign-in:name:${createHash("sha256").update(name).digest("base64url")}`;
}

/** Counts a sign-in attempt against its account's back-off; refused with 429 and Retry-After while it waits. */
async function takeSignInAttempt(request: SignInRequest): Promise<void> {
  const key = await signInBackoffKey(request);
  if (!key) return;
  const verdict = await takeSharedBackoff(key, SIGN_IN_BACKOFF);
  if (verdict.ok) return;
  throw new APIError(
    "TOO_MANY_REQUESTS",
    {
      code: SIGN_IN_BACKOFF_CODE,
      message: `Too many sign-in attempts for this account; try again in ${verdict.retryAfterS} s.`,
    },
    { "Retry-After": String(verdict.retryAfterS) },
  );
}

/** Paths that set a new password, and the body field that carries it. */
const NEW_PASSWORD_FIELD: Record<string, string> = {
  "/sign-up/email": "password",
  "/change-password": "newPassword",
  "/reset-password": "newPassword",
  "/set-password": "newPassword",
};

const PASSWORD_CODES = { passwordWeak: "PASSWORD_TOO_WEAK", passwordCommon: "PASSWORD_TOO_COMMON" } as const;

/**
 * Before better-auth handles a request (after its per-address limit): the account's sign-in
 * back-off, the server's password policy on every new password, and the profile rules on
 * update-user (the library stores any name and any image URL otherwise). Every sign-in — the
 * forms' actions (call-auth.server.ts) and the raw /api/auth route — passes here.
 */
const checkInput = createAuthMiddleware(async (ctx) => {
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  await takeSignInAttempt({ path: ctx.path, body, cookie: ctx.headers?.get("cookie"), secret: ctx.context.secret });
  const field = Object.hasOwn(NEW_PASSWORD_FIELD, ctx.path) ? NEW_PASSWORD_FIELD[ctx.path] : undefined;
  if (field) {
    const problem = passwordProblem(body[field], { username: body.username, email: body.email });
    if (problem) {
      throw new APIError("BAD_REQUEST", {
        code: PASSWORD_CODES[problem],
        message:
          problem === "passwordCommon"
            ? "That password is one of the most common ones (or your own name); choose another."
            : "The password needs 8–128 characters with a letter and a digit or symbol, and no control characters.",
      });
    }
  }
  if (ctx.path === "/update-user") {
    const problem = profileProblem(body);
    if (problem) throw new APIError("BAD_REQUEST", { code: "INVALID_PROFILE", message: problem });
  }
});

/**
 * A sign-in this soon after the account was made is the sign-up's own (the sign-up form signs in
 * right after creating the account): the account is new.
 */
const NEW_ACCOUNT_MS = 60_000;

/**
 * After a sign-in: the back-off it was charged to starts afresh, the browser gets the account's
 * device cookie (if it has none yet), and a guest on this browser becomes part of the account
 * (its progress moves in, and its settings, its time zone among them, into a fresh account:
 * users.server.ts) and its cookie goes, so nobody signs out later into someone else's guest. A
 * new account without a guest takes the browser's time zone instead of UTC.
 */
function afterSignIn(secure: boolean) {
  return createAuthMiddleware(async (ctx) => {
    if (!ctx.path.startsWith("/sign-in/")) return;
    const account = ctx.context.newSession?.user;
    if (!account) return;
    const cookie = ctx.headers?.get("cookie");
    const { secret } = ctx.context;
    await resetSharedBackoff(accountBackoffKey(account.id, cookie, secret));
    if (!deviceNonce(secret, readCookie(cookie, DEVICE_COOKIE), account.id)) {
      ctx.setCookie(DEVICE_COOKIE, newDeviceCookie(secret, account.id), {
        path: "/",
        maxAge: DEVICE_COOKIE_MAX_AGE_S,
        httpOnly: true,
        sameSite: "lax",
        secure,
      });
    }
    const token = readCookie(cookie, SESSION_COOKIE);
    const guest =
      token !== undefined && isWellFormedToken(token) ? await findSessionUser(hashSessionToken(token)) : null;
    if (guest?.isAnonymous) await moveGuestProgress(guest.id, account.id);
    else if (Date.now() - new Date(account.createdAt).getTime() < NEW_ACCOUNT_MS) {
      const zone = detectedTimeZone(readCookie(cookie, TIME_ZONE_COOKIE));
      if (zone) await saveUserTimeZone(account.id, zone);
    }
    if (token !== undefined)
      ctx.setCookie(SESSION_COOKIE, "", { path: "/", maxAge: 0, httpOnly: true, sameSite: "lax", secure });
  });
}

function createAuth(secure: boolean) {
  return betterAuth({
    appName: "GradLab",
    secret: resolveAuthSecret().secret,
    ...(env.BETTER_AUTH_URL ? { baseURL: env.BETTER_AUTH_URL } : {}),
    basePath: "/api/auth",
    database: prismaAdapter(prisma, {
      provider: databaseProvider(env.DATABASE_URL) === "postgres" ? "postgresql" : "sqlite",
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
      // Sign-up answers the same whether or not the email is taken (better-auth's generic
      // response, with the password hashed either way for equal timing); the sign-up form then
      // signs in, which is limited per address and per account (SIGN_IN_BACKOFF).
      autoSignIn: false,
    },
    session: { expiresIn: SESSION_MAX_AGE_S, updateAge: 24 * 60 * 60 },
    user: {
      additionalFields: {
        isAnonymous: { type: "boolean", required: false, defaultValue: false, input: false },
      },
    },
    plugins: [username({ minUsernameLength: USERNAME_MIN, maxUsernameLength: USERNAME_MAX, displayUsername: false })],
    rateLimit: {
      enabled: true,
      // In the database, so the limits hold across every app server (docs/decisions/0019-several-app-servers.md).
      storage: "database",
      window: 60,
      max: 100,
      customRules: {
        "/sign-in/*": SIGN_IN_LIMIT,
        // a class making its accounts in the first lecture, behind one address (as SIGN_IN_LIMIT)
        "/sign-up/*": SIGN_UP_LIMIT,
        "/revoke-sessions": { window: 60, max: 10 },
      },
    },
    advanced: {
      useSecureCookies: secure,
      // server.ts sets X-Forwarded-For to the one client address it trusts (lib/http/forwarded.ts)
      ipAddress: { ipAddressHeaders: ["x-forwarded-for"] },
    },
    telemetry: { enabled: false },
    hooks: { before: checkInput, after: afterSignIn(secure) },
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { __gradlabAuth?: { secure?: Auth; plain?: Auth } };
const instances = globalForAuth.__gradlabAuth ?? {};
globalForAuth.__gradlabAuth = instances;

/** The auth instance for this request's protocol (created lazily: `next build` never needs the secret). */
function getAuth(secure: boolean): Auth {
  if (secure) {
    instances.secure ??= createAuth(true);
    return instances.secure;
  }
  instances.plain ??= createAuth(false);
  return instances.plain;
}

export function authFor(headers: Headers, url?: string): Auth {
  return getAuth(isHttps(headers, url));
}

/**
 * better-auth's HTTP handler, for its route and the sign-in/sign-up actions (call-auth.server.ts).
 * The library answers a failed query itself — a 500, or a 4xx such as "failed to create user" —
 * so an outage is recognised by its scope (lib/db/outage-scope.ts): when a query of this call
 * found the database unavailable and the answer is not a success, that error is thrown instead,
 * for the route (answeringOutages) and the actions to answer as every other outage: 503, retry.
 */
/**
 * better-auth's own limits answer 429 with only `X-Retry-After`; clients, proxies and our own
 * limits speak the standard `Retry-After` (RFC 9110 §10.2.3), so it is added beside it.
 */
function withStandardRetryAfter(response: Response): Response {
  const seconds = response.headers.get("x-retry-after");
  if (response.status !== 429 || seconds === null || response.headers.has("retry-after")) return response;
  const headers = new Headers(response.headers);
  headers.set("Retry-After", seconds);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

export async function handleAuthRequest(
  request: Request,
  requestHeaders: Headers = request.headers,
): Promise<Response> {
  return inOutageScope(async (scope) => {
    const response = await authFor(requestHeaders, request.url).handler(request);
    if (scope.error !== undefined && response.status >= 400) throw scope.error;
    return withStandardRetryAfter(response);
  });
}
