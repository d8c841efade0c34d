#!/usr/bin/env bash
# End-to-end tests drive Debian's Chromium (Playwright cannot download its own browser here).
# Installs it when missing and we are root; otherwise says exactly what to install.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing: installing Debian's chromium package…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  [ -x "$CHROMIUM" ] && exit 0
fi
echo "Chromium not found at $CHROMIUM. Install it (Debian/Ubuntu: sudo apt-get install -y chromium fonts-noto-cjk)," >&2
echo "or point CHROMIUM_PATH at a Chromium binary, then run npm test again." >&2
exit 1
