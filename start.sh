#!/usr/bin/env bash
# Starts the whole platform: private PostgreSQL and RabbitMQ, the three agency services and the Gateway.
# Options are passed to the AppHost: --fresh wipes the data folder, --data-dir DIR puts it elsewhere.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-prerequisites.sh
dotnet build Platform.sln -v quiet -nologo
exec dotnet src/AppHost/bin/Debug/net10.0/Platform.AppHost.dll "$@"
