#!/usr/bin/env bash
# `npm run test:postgres`: the integration and end-to-end suites again, on a real PostgreSQL
# server — a throwaway one from Debian's package (scripts/postgres.ts: installed when missing and
# root, initdb into a temporary folder, loopback only), stopped when the suites end or fail.
# Includes the two-instance test behind nginx (tests/e2e/scale.postgres.spec.ts).
#   --no-build   reuse the production build (npm test has just made it)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" != "--no-build" ]; then
  npm run -s build
fi
bash scripts/ensure-debian-package.sh '/usr/lib/postgresql/*/bin/initdb' postgresql
bash scripts/ensure-debian-package.sh /usr/sbin/nginx nginx
exec npx tsx scripts/postgres.ts -- bash -c '
  set -euo pipefail
  printf "\n=== integration tests on PostgreSQL ===\n"
  npx vitest run --project integration
  printf "\n=== end-to-end tests on PostgreSQL ===\n"
  npx playwright test
'
