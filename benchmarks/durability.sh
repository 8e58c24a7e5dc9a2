#!/usr/bin/env bash
# Kills the app with SIGKILL during capture load, ROUNDS times, then checks that every lead the API acknowledged
# (201) is in the database after a restart. Generates a 100,000-lead database first if DB does not exist.
# Usage: bash benchmarks/durability.sh [ROUNDS] [DB]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
db=${2:-/tmp/leaddesk-durability.db}
dotnet publish LeadDesk.Web -c Release -v quiet -nologo >/dev/null
[ -f "$db" ] || dotnet run -c Release --project benchmarks/LeadDesk.Benchmarks -- generate --db "$db"
dotnet run -c Release --project benchmarks/LeadDesk.Benchmarks -- durability --db "$db" --rounds "$rounds"
