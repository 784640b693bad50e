#!/usr/bin/env bash
# Starts the whole platform from the Aspire AppHost: DCP and the Aspire dashboard, private PostgreSQL and RabbitMQ,
# the three agency services, the Gateway and the demo data load. It prints the dashboard's login URL and the Gateway's.
# Options are passed to the AppHost: --fresh wipes the data folder, --data-dir DIR puts it elsewhere,
# --DemoData:Children=N sets the demo load (0 leaves it out).
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-prerequisites.sh
dotnet build Platform.sln -v quiet -nologo
exec dotnet run --no-build --project src/AppHost --launch-profile http -- "$@"
