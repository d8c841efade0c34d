import { realpathSync } from "node:fs";
import path from "node:path";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/**
 * Turbopack resolves only inside its root. In a git worktree whose node_modules is a symlink to
 * another checkout's, the root must be the common ancestor of both (else "Could not find the
 * Next.js package"); in a normal checkout this is the project directory itself.
 */
function turbopackRoot() {
  const here = path.resolve(".");
  let root = here;
  try {
    const modules = path.dirname(realpathSync(path.join(here, "node_modules")));
    while (!modules.startsWith(root + path.sep) && modules !== root) root = path.dirname(root);
  } catch {
    // no node_modules yet: keep the project directory
  }
  return root;
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and worker-thread packages stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "piscina"],
  poweredByHeader: false,
  turbopack: { root: turbopackRoot() },
  // `npm run typecheck` (tsc over the whole repo, tests included) runs before every build in
  // `npm test`; checking again inside `next build` would only double the time.
  typescript: { ignoreBuildErrors: true },
};

export default withNextIntl(nextConfig);
