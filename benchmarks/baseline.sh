#!/usr/bin/env bash
# LeadDesk's two hottest API calls next to the raw baseline of ../shared/bench (a minimal API over raw SQLite), both
# driven by wrk in the same run, as the baseline's README asks. Prints each figure and LeadDesk's ratio to the baseline.
# Usage: bash benchmarks/baseline.sh SOURCE_DB [SECONDS]
#   SOURCE_DB: a database made by `dotnet run -c Release --project benchmarks/LeadDesk.Benchmarks -- generate --db FILE`;
#   it is copied, never changed. Extra app settings can come from the environment (Database__SqliteSynchronous=Normal).
set -euo pipefail
cd "$(dirname "$0")/.."
source_db=$1
seconds=${2:-20}
baseline_src=${BASELINE_SRC:-../shared/bench/baseline}

if ! command -v wrk >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends wrk
fi

work=$(mktemp -d /tmp/leaddesk-baseline.XXXXXX)
pids=()
# Closing fd 3 (the serve command's stdin) stops LeadDesk; the baseline is killed.
cleanup() { exec 3>&- 2>/dev/null || true; for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

cp -r "$baseline_src" "$work/baseline"
(cd "$work/baseline" && dotnet build -c Release -v quiet -nologo >/dev/null)
dotnet publish LeadDesk.Web -c Release -v quiet -nologo >/dev/null
dotnet build benchmarks/LeadDesk.Benchmarks -c Release -v quiet -nologo >/dev/null
post_lua="$work/baseline/post.lua"

# wrk's summary → "requests/s p50-ms p99-ms non2xx"
measure() {
  local out
  out=$(wrk "$@")
  echo "$out" >&2
  awk '
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
    /Non-2xx/ { bad = $NF } /non2xx_seen_by_script/ { split($0, kv, "="); bad += kv[2] }
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    END { printf "%.0f %.1f %.1f %d\n", rps, ms(p50), ms(p99), bad }' <<<"$out"
}

run_pair() { # $1 = base URL, $2 = POST path, $3 = GET path, rest = extra wrk headers
  local url=$1 post=$2 get=$3; shift 3
  wrk -t1 -c16 -d5s -s "$post_lua" "$url$post" >/dev/null   # warm-up (JIT)
  wrk -t1 -c4 -d5s "$@" "$url$get" >/dev/null
  post_result=$(measure -t1 -c16 -d"${seconds}s" -s "$post_lua" --latency "$url$post")
  get_result=$(measure -t1 -c4 -d"${seconds}s" --latency "$@" "$url$get")
}

echo "== baseline (raw Microsoft.Data.Sqlite, WAL, synchronous=NORMAL, no auth, no audit)"
BASELINE_DB="$work/baseline.db" dotnet "$work/baseline/bin/Release/net10.0/Baseline.dll" --urls http://127.0.0.1:5301 >/dev/null 2>&1 &
pids+=($!)
until curl -s -o /dev/null "http://127.0.0.1:5301/leads?limit=1"; do sleep 0.5; done
run_pair http://127.0.0.1:5301 /leads "/leads?limit=50&status=new"
read -r base_post base_post_p50 base_post_p99 base_post_bad <<<"$post_result"
read -r base_get base_get_p50 base_get_p99 base_get_bad <<<"$get_result"
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true

echo "== LeadDesk (synchronous=${Database__SqliteSynchronous:-Full})"
cp "$source_db" "$work/leaddesk.db"
mkfifo "$work/stdin"
dotnet benchmarks/LeadDesk.Benchmarks/bin/Release/net10.0/LeadDesk.Benchmarks.dll serve --db "$work/leaddesk.db" <"$work/stdin" >"$work/serve.out" &
pids+=($!)
exec 3>"$work/stdin" # holds the app up until the script ends
until grep -q '^BENCH_TOKEN=' "$work/serve.out"; do sleep 0.5; kill -0 "${pids[1]}" || { cat "$work/serve.out"; exit 1; }; done
url=$(sed -n 's/^URL=//p' "$work/serve.out")
BENCH_TOKEN=$(sed -n 's/^BENCH_TOKEN=//p' "$work/serve.out")
export BENCH_TOKEN
run_pair "$url" /api/external/v1/leads "/api/v1/leads?limit=50&status=open" -H "Authorization: Bearer $BENCH_TOKEN"
read -r ld_post ld_post_p50 ld_post_p99 ld_post_bad <<<"$post_result"
read -r ld_get ld_get_p50 ld_get_p99 ld_get_bad <<<"$get_result"
exec 3>&-
wait "${pids[1]}" || true

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
echo "                          baseline                      LeadDesk                      LeadDesk / baseline"
printf "POST (16 connections)     %6s/s p50 %5s ms p99 %6s ms   %6s/s p50 %5s ms p99 %6s ms   %s× throughput (non-2xx: %s / %s)\n" \
  "$base_post" "$base_post_p50" "$base_post_p99" "$ld_post" "$ld_post_p50" "$ld_post_p99" "$(ratio "$ld_post" "$base_post")" "$base_post_bad" "$ld_post_bad"
printf "GET list (4 connections)  %6s/s p50 %5s ms p99 %6s ms   %6s/s p50 %5s ms p99 %6s ms   %s× throughput (non-2xx: %s / %s)\n" \
  "$base_get" "$base_get_p50" "$base_get_p99" "$ld_get" "$ld_get_p50" "$ld_get_p99" "$(ratio "$ld_get" "$base_get")" "$base_get_bad" "$ld_get_bad"
