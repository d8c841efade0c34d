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
import { prisma } from "../db/client.server";
import { clientProvider } from "../db/prisma";
import { resolveAuthSecret } from "./secret";
import { SESSION_COOKIE, SESSION_MAX_AGE_S } from "./session-token";
import { guestIdForToken, moveGuestProgress } from "./upgrade.server";

/** Failed or not, at most this many sign-in requests per client and window. */
export const SIGN_IN_LIMIT = { window: 60, max: 5 };
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

function readCookie(cookieHeader: string | null | undefined, name: string): string | undefined {
  for (const part of (cookieHeader ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

function createAuth(secure: boolean) {
  return betterAuth({
    appName: "GradLab",
    secret: resolveAuthSecret().secret,
    ...(process.env.BETTER_AUTH_URL ? { baseURL: process.env.BETTER_AUTH_URL } : {}),
    basePath: "/api/auth",
    database: prismaAdapter(prisma, { provider: clientProvider(prisma) === "postgres" ? "postgresql" : "sqlite" }),
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
    plugins: [username({ minUsernameLength: 3, maxUsernameLength: 30, displayUsername: false })],
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
        const guestId = await guestIdForToken(readCookie(ctx.headers?.get("cookie"), SESSION_COOKIE));
        if (guestId) {
          await moveGuestProgress(guestId, account.id);
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

/** Whether the request reached us over https (directly or through a proxy that says so). */
export function isHttps(headers: Headers, url?: string): boolean {
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  if (forwarded) return forwarded === "https";
  return url ? url.startsWith("https:") : false;
}

/** The auth instance for this request's protocol (created lazily: `next build` never needs the secret). */
export function getAuth(secure: boolean): Auth {
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
