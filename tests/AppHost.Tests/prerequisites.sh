#!/usr/bin/env bash
# The browser tests drive Debian's Chromium through Playwright (its own browser download cannot work here).
set -euo pipefail
install_packages chromium
