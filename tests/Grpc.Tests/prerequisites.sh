#!/usr/bin/env bash
# The interop tests run against Debian's python3-grpcio (gRPC's C core), with Debian's own Python.
set -euo pipefail
install_packages python3-grpcio python3-protobuf
