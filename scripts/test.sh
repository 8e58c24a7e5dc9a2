#!/usr/bin/env bash
# The README's test command. Installs what is missing (Chromium, PostgreSQL), builds the solution,
# runs the Core/HTTP suite on SQLite and again on a throw-away PostgreSQL cluster, then the browser
# tests, and ends with one line: "N passed, N failed" (", N skipped" when any were skipped).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
results="$root/TestResults"
configuration=${CONFIGURATION:-Release}
rm -rf "$results"
mkdir -p "$results"

log() { printf '\n== %s\n' "$*"; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

install_missing() {
  local packages=()
  [ -x "${LEADDESK_CHROMIUM:-/usr/bin/chromium}" ] || packages+=(chromium)
  [ -n "$(pg_bin)" ] || packages+=(postgresql)
  command -v npm >/dev/null || packages+=(nodejs npm)
  [ ${#packages[@]} -eq 0 ] && return 0
  log "installing ${packages[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}"
}

pg_dir=""
pg_port=""
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_postgres() {
  local bin
  bin=$(pg_bin)
  pg_dir=$(mktemp -d /tmp/leaddesk-pg.XXXXXX)
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pg_dir"
  pg_port=$(( 20000 + RANDOM % 20000 ))
  while (exec 3<>"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null; do pg_port=$(( pg_port + 1 )); done
  as_postgres "$bin/initdb" -D "$pg_dir/data" -A trust -U postgres --encoding=UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 || { cat "$pg_dir/initdb.log"; return 1; }
  # Durability settings off: a test cluster is thrown away, speed matters more.
  as_postgres "$bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 start \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    >/dev/null || { cat "$pg_dir/server.log"; return 1; }
}

stop_postgres() {
  [ -n "$pg_dir" ] || return 0
  as_postgres "$(pg_bin)/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$pg_dir"
}
trap stop_postgres EXIT

failures=0
run_suite() {
  local name=$1 project=$2
  log "$name"
  dotnet test "$project" -c "$configuration" --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    || failures=$(( failures + 1 ))
  [ -f "$results/$name.trx" ] || { echo "no results from $name"; failures=$(( failures + 1 )); }
}

install_missing || { echo "0 passed, 1 failed"; exit 1; }

log "build ($configuration)"
if ! dotnet build LeadDesk.sln -c "$configuration" -warnaserror; then
  echo "0 passed, 1 failed"
  exit 1
fi

run_suite sqlite LeadDesk.Tests

log "starting PostgreSQL"
if start_postgres; then
  LEADDESK_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Include Error Detail=true" run_suite postgres LeadDesk.Tests
else
  echo "PostgreSQL did not start"
  failures=$(( failures + 1 ))
fi
stop_postgres
pg_dir=""

run_suite e2e LeadDesk.E2E

counter() { grep -ho "<Counters [^>]*" "$results"/*.trx 2>/dev/null | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' | awk '{ sum += $1 } END { print sum + 0 }'; }
passed=$(counter passed)
failed=$(( $(counter failed) + $(counter error) + $(counter timeout) + $(counter aborted) ))
skipped=$(counter notExecuted)
[ "$failed" -eq 0 ] && [ "$failures" -gt 0 ] && failed=$failures

log "results in $results"
if [ "${skipped:-0}" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] && [ "$failures" -eq 0 ]
