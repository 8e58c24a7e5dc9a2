#!/usr/bin/env bash
# Cold start to the first 200 on /healthz (budget: 3 s, DESIGN.md §5). Builds Release once, then
# starts the app RUNS times on an existing database and once on an empty one (migrate + demo seed).
# Usage: bash benchmarks/cold-start.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
dotnet build LeadDesk.Web -c Release -v quiet -nologo >/dev/null
dll=LeadDesk.Web/bin/Release/net10.0/LeadDesk.Web.dll
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
port=$(( 20000 + RANDOM % 20000 ))
# Production refuses to start with an unencrypted key ring: a throw-away certificate for it.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=leaddesk-cold-start \
  -keyout "$work/keyring.key" -out "$work/keyring.crt" 2>/dev/null
openssl pkcs12 -export -inkey "$work/keyring.key" -in "$work/keyring.crt" -out "$work/keyring.pfx" -passout pass:cold-start

start_once() {
  local begin end pid
  begin=$(date +%s%N)
  ASPNETCORE_ENVIRONMENT=Production Seed__Password=bench-password-1 \
    DataProtection__CertificatePath="$work/keyring.pfx" DataProtection__CertificatePassword=cold-start \
    ConnectionStrings__LeadDesk="Data Source=$work/bench.db" \
    dotnet "$dll" --urls "http://127.0.0.1:$port" --contentRoot "$PWD/LeadDesk.Web" >"$work/app.log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/app.log"; exit 1; }
    sleep 0.02
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - begin) / 1000000 ))
}

first=$(start_once) || exit 1
echo "first start (empty database: migrate + seed 300 leads): $first ms"
for i in $(seq 1 "$runs"); do
  ms=$(start_once) || exit 1
  echo "start $i (existing database): $ms ms"
done
