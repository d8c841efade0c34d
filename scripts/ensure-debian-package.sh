#!/usr/bin/env bash
# Makes sure a program from a Debian package is here: installs the package when the program is
# missing and we are root (as CI is), otherwise says exactly what to install.
#
#   bash scripts/ensure-debian-package.sh '/usr/lib/postgresql/*/bin/initdb' postgresql
#   bash scripts/ensure-debian-package.sh /usr/sbin/nginx nginx
set -euo pipefail
pattern="$1"
shift
found() { compgen -G "$pattern" >/dev/null; }
if found; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "$pattern is missing: installing Debian's $*…"
  export DEBIAN_FRONTEND=noninteractive
  # Our scripts start throwaway PostgreSQL servers of their own; the package's default cluster
  # (and nginx's default site) would only be a second server nobody uses.
  if [[ " $* " == *" postgresql "* ]] && [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.conf
  fi
  apt-get update -qq
  apt-get install -y -qq -o Dpkg::Options::=--force-confold "$@" >/dev/null
  found && exit 0
fi
echo "$pattern not found. Install it (Debian/Ubuntu: sudo apt-get install -y $*), then run the command again." >&2
exit 1
