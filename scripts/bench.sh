#!/usr/bin/env bash
# Load benchmarks of the API beside their database floors; writes bench/results.json and the load section of
# docs/benchmarks.md. Needs the .NET SDK, PostgreSQL client tools (pgbench, psql), python3 and wrk (installed
# with apt-get when missing). Uses the private cluster of scripts/postgres.sh (CLINIC_PG_PORT).
#
# Environment (defaults in brackets): BENCH_CLIENTS [2000], BENCH_THERAPISTS [50], BENCH_DAYS [90],
# BENCH_SECONDS per load run [30], BENCH_WARMUP_SECONDS per scenario before the runs [20], BENCH_CONNECTIONS [32], BENCH_MILLION [1] loads ~1M completions once to time
# the generator, BENCH_LOG_LEVEL of the API during the runs [Warning].
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$REPO_ROOT"

CLIENTS="${BENCH_CLIENTS:-2000}"
THERAPISTS="${BENCH_THERAPISTS:-50}"
DAYS="${BENCH_DAYS:-90}"
SECONDS_PER_RUN="${BENCH_SECONDS:-30}"
WARMUP_SECONDS="${BENCH_WARMUP_SECONDS:-20}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
MILLION="${BENCH_MILLION:-1}"
LOG_LEVEL="${BENCH_LOG_LEVEL:-Warning}"
readonly API_PORT=5190
readonly API_URL="http://127.0.0.1:$API_PORT"
readonly SECOND_API_URL="http://127.0.0.1:5191"
OUT="$REPO_ROOT/bench/out"
RAW="$OUT/raw"
export BENCH_LOAD_DIR="$REPO_ROOT/bench/load"

log() { printf 'bench: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk"
  if [[ "$(id -u)" == 0 ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  fi
fi
for tool in dotnet pgbench psql python3 curl; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is required"
done

rm -rf "$RAW"
mkdir -p "$RAW"

./scripts/postgres.sh start
ADMIN_URL="$(./scripts/postgres.sh url)"
# libpq settings for pgbench and psql, from the Npgsql key=value form.
field() { printf '%s' "$ADMIN_URL" | tr ';' '\n' | sed -n "s/^$1=//Ip" | head -n 1; }
export PGHOST PGPORT PGUSER PGPASSWORD
PGHOST="$(field Host)"; PGPORT="$(field Port)"; PGUSER="$(field Username)"; PGPASSWORD="$(field Password)"
db_url() { printf '%s' "$ADMIN_URL" | sed "s/Database=[^;]*/Database=$1/I"; }
fresh_db() {
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" >/dev/null
}

log "building (Release)"
for project in src/Clinic.Api bench/Clinic.DataGenerator; do
  dotnet build "$project" -c Release -v quiet -nologo >"$RAW/build.log" 2>&1 \
    || die "the build of $project failed: $(grep -m 5 -F ' error ' "$RAW/build.log" || tail -n 5 "$RAW/build.log")"
done
GENERATOR=(dotnet bench/Clinic.DataGenerator/bin/Release/net10.0/Clinic.DataGenerator.dll)
SIGNING_KEY="$(head -c 32 /dev/urandom | base64 | tr -d '\n')"

api_pid=""
sampler_pid=""
second_pid=""
stop_api() {
  if [[ -n "$sampler_pid" ]]; then kill "$sampler_pid" 2>/dev/null || true; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=""; fi
  if [[ -n "$api_pid" ]]; then kill "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true; api_pid=""; fi
  if [[ -n "$second_pid" ]]; then kill "$second_pid" 2>/dev/null || true; wait "$second_pid" 2>/dev/null || true; second_pid=""; fi
}
trap stop_api EXIT

# start_api <database> <name>: the Release build on 127.0.0.1, no migrations, writes limit out of the way. It runs
# from its output folder, as a deployed API would: its content root (watched for configuration changes) must not
# be the checkout, whose .data folder holds the database files PostgreSQL writes all the time. It runs with the
# garbage collector setting the Dockerfile sets (ADR 0013).
launch_api() {
  (cd src/Clinic.Api/bin/Release/net10.0 && exec env ConnectionStrings__Clinic="$(db_url "$1")" Database__MigrateOnStartup=false Demo__Seed=false \
    Auth__SigningKey="$SIGNING_KEY" Transport__RequireHttps=false RateLimits__WritesPerMinute=1000000 \
    ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default="$LOG_LEVEL" \
    DOTNET_GCGen1MaxBudget="${DOTNET_GCGen1MaxBudget:-0x600000}" \
    dotnet Clinic.Api.dll --urls "$3") >"$RAW/api-$2.log" 2>&1 &
}

wait_ready() {
  local pid="$1" url="$2" name="$3" deadline=$((SECONDS + 60))
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url/health/ready" || true)" == 200 ]]; do
    kill -0 "$pid" 2>/dev/null || die "the API exited; see $RAW/api-$name.log"
    ((SECONDS < deadline)) || die "the API was not ready within 60 s"
    sleep 0.5
  done
}

start_api() {
  launch_api "$1" "$2" "$API_URL"
  api_pid=$!
  wait_ready "$api_pid" "$API_URL" "$2"
  # Peak resident memory, sampled twice a second (VmHWM is the kernel's own high-water mark), with its private
  # part (anonymous memory and the runtime's JIT code) apart from files mapped from disk.
  (while kill -0 "$api_pid" 2>/dev/null; do grep -E '^(VmRSS|VmHWM|RssAnon|RssShmem)' "/proc/$api_pid/status" >>"$RAW/memory-$2.txt" 2>/dev/null || true; sleep 0.5; done) &
  sampler_pid=$!
}

# The CPU the API and PostgreSQL spend during a run (bench/cpu.py), for the cost per request (docs/scaling.md).
postmaster_pid() { head -n 1 "$(psql -X -q -t -A -d postgres -c 'SHOW data_directory')/postmaster.pid"; }

# run_wrk <name> <script> <connections> <seconds> <args...>: writes the RESULT json to $RAW/<name>.json and the CPU
# used before and after to $RAW/<name>.cpu-before.json and .cpu-after.json
run_wrk() {
  local name="$1" script="$2" connections="$3" duration="$4"
  shift 4
  local threads=2
  ((connections < 2)) && threads=1
  python3 bench/cpu.py "$api_pid" "$(postmaster_pid)" >"$RAW/$name.cpu-before.json" 2>/dev/null || true
  wrk -t "$threads" -c "$connections" -d "${duration}s" --timeout 10s -s "bench/load/$script" "$API_URL" -- "$@" >"$RAW/$name.wrk.txt" 2>&1
  python3 bench/cpu.py "$api_pid" "$(postmaster_pid)" >"$RAW/$name.cpu-after.json" 2>/dev/null || true
  grep '^RESULT ' "$RAW/$name.wrk.txt" | sed 's/^RESULT //' >"$RAW/$name.json"
  log "$name: $(cat "$RAW/$name.json")"
}

# run_floor <name> <sql> <database> <connections> <seconds>: pgbench with per-transaction logs
run_floor() {
  local name="$1" sql="$2" database="$3" connections="$4" duration="$5"
  mkdir -p "$RAW/$name"
  (cd "$RAW/$name" && pgbench -n -M extended -c "$connections" -j 2 -T "$duration" -l --log-prefix=tx \
    -D clients="$CLIENTS" -D therapists="$THERAPISTS" -D days="$DAYS" -f "$REPO_ROOT/bench/floor/$sql" "$database" >"../$name.pgbench.txt" 2>&1)
  python3 bench/percentiles.py "$RAW/$name" "$RAW/$name.pgbench.txt" >"$RAW/$name.json"
  rm -rf "${RAW:?}/$name"
  log "$name: $(cat "$RAW/$name.json")"
}

if [[ "$MILLION" == 1 ]]; then
  log "loading about a million completions (5,600 clients x 90 days) to time the generator"
  fresh_db clinic_bench_million
  "${GENERATOR[@]}" --connection "$(db_url clinic_bench_million)" --clients 5600 --days 90 --out "$RAW/million" | tr '\r' '\n' | tail -n 1
  cp "$RAW/million/load.txt" "$RAW/million.txt"
  psql -X -q -d postgres -c "DROP DATABASE clinic_bench_million WITH (FORCE)" >/dev/null
fi

log "generating $CLIENTS clients, $DAYS days"
fresh_db clinic_bench
"${GENERATOR[@]}" --connection "$(db_url clinic_bench)" --clients "$CLIENTS" --therapists "$THERAPISTS" --days "$DAYS" \
  --out "$OUT" --signing-key "$SIGNING_KEY" | tr '\r' '\n' | tail -n 1
cp "$OUT/load.txt" "$RAW/main-load.txt"

start_api clinic_bench main
# Warm-up at full concurrency, so the figures are the steady state: the runtime recompiles hot methods with
# optimisations only after they have run a while, and both connection pools fill.
run_wrk warmup-summary summary.lua "$CONNECTIONS" "$WARMUP_SECONDS" "$OUT/plans.csv" >/dev/null
run_wrk warmup-submit submit.lua "$CONNECTIONS" "$WARMUP_SECONDS" "$OUT/assignments.csv" >/dev/null
run_wrk warmup-caseload caseload.lua "$CONNECTIONS" "$WARMUP_SECONDS" "$OUT/therapists.csv" >/dev/null
run_wrk summary summary.lua "$CONNECTIONS" "$SECONDS_PER_RUN" "$OUT/plans.csv"
run_floor summary-floor summary.sql clinic_bench "$CONNECTIONS" "$SECONDS_PER_RUN"
run_wrk submit submit.lua "$CONNECTIONS" "$SECONDS_PER_RUN" "$OUT/assignments.csv"
run_floor submit-floor submit.sql clinic_bench "$CONNECTIONS" "$SECONDS_PER_RUN"
run_wrk caseload caseload.lua "$CONNECTIONS" "$SECONDS_PER_RUN" "$OUT/therapists.csv"
run_floor caseload-floor caseload.sql clinic_bench "$CONNECTIONS" "$SECONDS_PER_RUN"
run_wrk summary-single summary.lua 1 10 "$OUT/plans.csv"
run_wrk caseload-single caseload.lua 1 10 "$OUT/therapists.csv"
run_wrk caseload-computed-single caseload.lua 1 10 "$OUT/therapists.csv" computed

# Two replicas on the same database, the connections split between them (as a load balancer would), beside the
# one-process runs above at the same total concurrency. On this machine both share the same cores with PostgreSQL.
log "two processes: a second API on the same database"
launch_api clinic_bench second "$SECOND_API_URL"
second_pid=$!
wait_ready "$second_pid" "$SECOND_API_URL" second
half=$((CONNECTIONS / 2))
for scenario in summary submit; do
  csv="$OUT/plans.csv"; [[ "$scenario" == submit ]] && csv="$OUT/assignments.csv"
  wrk -t 1 -c "$half" -d "${WARMUP_SECONDS}s" --timeout 10s -s "bench/load/$scenario.lua" "$SECOND_API_URL" -- "$csv" >/dev/null 2>&1
  wrk -t 1 -c "$half" -d "${SECONDS_PER_RUN}s" --timeout 10s -s "bench/load/$scenario.lua" "$API_URL" -- "$csv" >"$RAW/$scenario-two-a.wrk.txt" 2>&1 &
  first_wrk=$!
  wrk -t 1 -c "$half" -d "${SECONDS_PER_RUN}s" --timeout 10s -s "bench/load/$scenario.lua" "$SECOND_API_URL" -- "$csv" >"$RAW/$scenario-two-b.wrk.txt" 2>&1
  wait "$first_wrk"
  grep '^RESULT ' "$RAW/$scenario-two-a.wrk.txt" | sed 's/^RESULT //' >"$RAW/$scenario-two-a.json"
  grep '^RESULT ' "$RAW/$scenario-two-b.wrk.txt" | sed 's/^RESULT //' >"$RAW/$scenario-two-b.json"
  log "$scenario on two processes: $(cat "$RAW/$scenario-two-a.json") + $(cat "$RAW/$scenario-two-b.json")"
done
kill "$second_pid" 2>/dev/null || true; wait "$second_pid" 2>/dev/null || true; second_pid=""

log "fault: restarting PostgreSQL in the middle of a submission load"
rm -f "$RAW"/acked.*
fault_seconds=20
wrk -t 2 -c "$CONNECTIONS" -d "${fault_seconds}s" --timeout 10s -s bench/load/submit.lua "$API_URL" -- "$OUT/assignments.csv" "$RAW/acked" >"$RAW/fault.wrk.txt" 2>&1 &
wrk_pid=$!
sleep 5
./scripts/postgres.sh restart
restarted_at=$(date +%s.%N)
first_plan="$(head -n 1 "$OUT/plans.csv")"
recovered_at=""
while [[ -z "$recovered_at" ]]; do
  status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H "Authorization: Bearer ${first_plan#*,}" "$API_URL/api/v1/plans/${first_plan%%,*}/adherence" || true)"
  if [[ "$status" == 200 ]]; then recovered_at=$(date +%s.%N); fi
  if python3 -c "import sys; sys.exit(0 if float('$(date +%s.%N)') - $restarted_at > 60 else 1)"; then break; fi
  [[ -n "$recovered_at" ]] || sleep 0.1
done
wait "$wrk_pid" || true
grep '^RESULT ' "$RAW/fault.wrk.txt" | sed 's/^RESULT //' >"$RAW/fault.json"
cat "$RAW"/acked.* 2>/dev/null | sort -u >"$RAW/acked.txt" || true
acked=$(wc -l <"$RAW/acked.txt")
missing=$(psql -X -q -t -A -d clinic_bench \
  -c "CREATE TEMP TABLE acked (id uuid)" \
  -c "\\copy acked FROM '$RAW/acked.txt'" \
  -c "SELECT count(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM completions c WHERE c.id = a.id)" | tail -n 1)
recovery=$(python3 -c "print(round(${recovered_at:-0} - $restarted_at, 2) if '${recovered_at}' else 'null')")
printf '{"acked": %s, "missing": %s, "recovery_seconds": %s, "load": %s}\n' "$acked" "$missing" "$recovery" "$(cat "$RAW/fault.json")" >"$RAW/fault-summary.json"
log "fault: $(cat "$RAW/fault-summary.json")"
grep -c '"LogLevel":"Error"\|"Level":"Error"\|Unhandled' "$RAW/api-main.log" >"$RAW/api-main-errors.txt" || true
grep -E '^VmHWM' "/proc/$api_pid/status" | awk '{print $2}' >"$RAW/main-hwm-kb.txt"
stop_api

scale_clients=$((CLIENTS / 10 > 100 ? CLIENTS / 10 : 100))
for history in 30 365; do
  log "scale: $scale_clients clients, current plan 30 days in, $history days of history"
  fresh_db "clinic_bench_h$history"
  "${GENERATOR[@]}" --connection "$(db_url "clinic_bench_h$history")" --clients "$scale_clients" --therapists "$THERAPISTS" --days 30 \
    --history-days "$history" --out "$RAW/h$history" --signing-key "$SIGNING_KEY" | tr '\r' '\n' | tail -n 1
  start_api "clinic_bench_h$history" "h$history"
  run_wrk "scale-h$history-warmup" summary.lua 1 3 "$RAW/h$history/plans.csv" >/dev/null
  run_wrk "scale-h$history" summary.lua 1 10 "$RAW/h$history/plans.csv"
  stop_api
  psql -X -q -d postgres -c "DROP DATABASE clinic_bench_h$history WITH (FORCE)" >/dev/null
done

python3 bench/report.py "$RAW" "$REPO_ROOT/bench/results.json" "$REPO_ROOT/docs/benchmarks.md" \
  "clients=$CLIENTS therapists=$THERAPISTS days=$DAYS seconds=$SECONDS_PER_RUN warmup=$WARMUP_SECONDS connections=$CONNECTIONS log_level=$LOG_LEVEL scale_clients=$scale_clients"
log "wrote bench/results.json and docs/benchmarks.md"
