#!/usr/bin/env bash
# `npm test`: every check a change must pass, in the order that fails fastest.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s ===\n' "$1"; }

step "chromium (for the end-to-end tests)"
bash scripts/ensure-chromium.sh

step "typecheck"
npm run -s typecheck

step "lint and format"
npm run -s lint

step "content lint"
npm run -s content:lint

step "unit and integration tests (Vitest, real SQLite files)"
npx vitest run

step "production build"
npm run -s build

step "end-to-end tests (Playwright, Chromium)"
npx playwright test
