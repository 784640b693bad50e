#!/usr/bin/env bash
# The outbound-connection tests trace each service's system calls with Debian's strace.
set -euo pipefail
install_packages strace
