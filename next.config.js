import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/**
 * Headers on every response — pages, /api and static files (ADR 26). The pages' CSP, which needs a
 * nonce per request, is set by proxy.ts (lib/http/security-headers.ts); an API response renders
 * nothing, so its policy allows nothing.
 */
const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()",
  },
  // frame-ancestors 'none' for browsers that predate it
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];
const API_HEADERS = [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }];
/** Only when the request came over https (a trusted proxy said so, server.ts): never lock a plain-http address out. */
const HSTS = [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and worker-thread packages, the drivers and the generated Prisma clients (which load
  // their query compiler from their own folder) stay outside the server bundle.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "@gradlab/prisma-sqlite",
    "@gradlab/prisma-postgres",
    "piscina",
    // the FSRS optimizer (fsrs-rs): a native addon, with a WASI fallback the bundler cannot resolve
    "@open-spaced-repetition/binding",
  ],
  poweredByHeader: false,
  experimental: { useCache: true },
  // `next build` type-checks the whole project (tests included, tsconfig.json) and refuses to ship
  // code tsc rejects; there is deliberately no `typescript.ignoreBuildErrors` here.
  async headers() {
    return [
      { source: "/(.*)", headers: SECURITY_HEADERS },
      { source: "/api/(.*)", headers: API_HEADERS },
      { source: "/(.*)", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: HSTS },
    ];
  },
};

export default withNextIntl(nextConfig);
