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
  ],
  poweredByHeader: false,
  // `npm run typecheck` (tsc over the whole repo, tests included) runs before every build in
  // `npm test`; checking again inside `next build` would only double the time.
  typescript: { ignoreBuildErrors: true },
};

export default withNextIntl(nextConfig);
