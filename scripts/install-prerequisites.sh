#!/usr/bin/env bash
# Installs the Debian packages the platform runs on (PostgreSQL, RabbitMQ) when they are missing, plus whatever
# a test project lists in tests/<project>/prerequisites.sh when called with --tests. Nothing is started
# system-wide: the AppHost runs private servers in its own data folder.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages whose maintainer scripts would start system services; a policy-rc.d that denies
# starting keeps the machine's own PostgreSQL and RabbitMQ down.
install_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing Debian packages: ${missing[*]}"
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod +x "$policy"
    created_policy=1
  fi
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if [ $created_policy = 1 ]; then as_root rm -f "$policy"; fi
}
export -f as_root install_packages

install_packages postgresql rabbitmq-server

if [ "${1:-}" = "--tests" ]; then
  for script in tests/*/prerequisites.sh; do
    if [ -f "$script" ]; then bash "$script"; fi
  done
fi
