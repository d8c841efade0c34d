#!/usr/bin/env bash
# `npm test`: every check a change must pass, in the order that fails fastest.
# (`npm run check` is the inner loop: typecheck, lint, unit tests.)
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s ===\n' "$1"; }

step "chromium (for the end-to-end tests)"
bash scripts/ensure-chromium.sh

step "typecheck"
npm run -s typecheck

step "lint: format, import rules, unused code"
npm run -s lint

step "content lint"
npm run -s content:lint

step "unit tests (Vitest)"
npm run -s test:unit

step "integration tests (Vitest, real SQLite files)"
npm run -s test:integration

step "production build (type-checked again by next build)"
npm run -s build

step "end-to-end tests (Playwright, Chromium)"
npm run -s test:e2e

step "integration and end-to-end tests again on PostgreSQL (a throwaway server; two app servers behind nginx)"
bash scripts/test-postgres.sh --no-build
