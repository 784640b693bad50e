#!/usr/bin/env bash
# The staff sign-in browser test drive Debian's Chromium through Playwright (its own browser download cannot work here).
set -euo pipefail
install_packages chromium
