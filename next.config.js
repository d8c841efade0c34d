import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

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
};

export default withNextIntl(nextConfig);
