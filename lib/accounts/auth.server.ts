/**
 * Accounts, with better-auth: email + password (hashed by the library, scrypt), the username
 * plugin (sign in with a username or an email), sessions stored in the Session table, httpOnly
 * SameSite=Lax cookies (Secure, with the __Secure- prefix, when the request came over https),
 * and rate-limited sign-in/sign-up. Guests keep our own lightweight session (guest.server.ts);
 * signing up moves the guest's progress into the new account (upgrade.server.ts).
 */
import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { createAuthMiddleware } from "better-auth/api";
import { username } from "better-auth/plugins";
import { prisma } from "@/lib/db/client.server";
import { databaseProvider } from "@/lib/db/driver";
import { findSessionUser, moveGuestProgress } from "@/lib/db/users.server";
import { env } from "@/lib/env";
import { isHttps, readCookie } from "@/lib/http/request";
import { PASSWORD_MAX, PASSWORD_MIN, USERNAME_MAX, USERNAME_MIN } from "./credentials";
import { resolveAuthSecret } from "./secret.server";
import { hashSessionToken, isWellFormedToken, SESSION_COOKIE, SESSION_MAX_AGE_S } from "./session-token";

/** Failed or not, at most this many sign-in requests per client and window. */
export const SIGN_IN_LIMIT = { window: 60, max: 5 };

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
      autoSignIn: true,
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
        "/sign-up/*": { window: 60, max: 10 },
        "/revoke-sessions": { window: 60, max: 10 },
      },
    },
    advanced: {
      useSecureCookies: secure,
      ipAddress: { ipAddressHeaders: ["x-forwarded-for", "x-real-ip"] },
    },
    telemetry: { enabled: false },
    hooks: {
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-up/email") return;
        const account = ctx.context.newSession?.user;
        if (!account) return;
        const token = readCookie(ctx.headers?.get("cookie"), SESSION_COOKIE);
        const guest = isWellFormedToken(token) ? await findSessionUser(hashSessionToken(token)) : null;
        if (guest?.isAnonymous) {
          await moveGuestProgress(guest.id, account.id);
          ctx.setCookie(SESSION_COOKIE, "", { path: "/", maxAge: 0, httpOnly: true, sameSite: "lax", secure });
        }
      }),
    },
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
