#!/usr/bin/env bash
# How long the therapist's pages take in a real browser on this machine (issue 18: under two seconds): starts the
# API with the demo data as scripts/run.sh does, signs in as the demo therapist in headless Chromium and loads the
# caseload and the session-prep sheet (7 and 28 days) until each is ready to read. Prints the figures.
#
# Environment: BENCH_PAGE_RUNS loads per page [10], CLINIC_PAGES_PORT [5192], CLINIC_CHROMIUM [/usr/bin/chromium],
# CLINIC_DB as for scripts/run.sh.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$REPO_ROOT"

readonly PORT="${CLINIC_PAGES_PORT:-5192}"
readonly API_URL="http://localhost:$PORT"
readonly RUNS="${BENCH_PAGE_RUNS:-10}"

log() { printf 'bench-pages: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

chromium="${CLINIC_CHROMIUM:-/usr/bin/chromium}"
if [[ ! -x "$chromium" ]]; then
  [[ "$(id -u)" == 0 ]] || die "no Chromium at $chromium: apt-get install chromium, or set CLINIC_CHROMIUM"
  log "installing Chromium"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

dotnet build bench/Clinic.PageTiming -c Release -v quiet -nologo >/dev/null

run_pid=""
stop_run() {
  if [[ -n "$run_pid" ]] && kill -0 "$run_pid" 2>/dev/null; then
    kill -TERM "$run_pid" 2>/dev/null || true
    wait "$run_pid" 2>/dev/null || true
  fi
}
trap stop_run EXIT

mkdir -p "$REPO_ROOT/.data"
log "starting the API with the demo data on $API_URL"
CLINIC_PORT="$PORT" ./scripts/run.sh >"$REPO_ROOT/.data/bench-pages-api.log" 2>&1 &
run_pid=$!
deadline=$((SECONDS + 300))
until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$API_URL/health/ready" || true)" == 200 ]]; do
  kill -0 "$run_pid" 2>/dev/null || die "the API did not start; see .data/bench-pages-api.log"
  ((SECONDS < deadline)) || die "the API was not ready within 300 s"
  sleep 1
done

CLINIC_CHROMIUM="$chromium" dotnet bench/Clinic.PageTiming/bin/Release/net10.0/Clinic.PageTiming.dll "$API_URL" "$RUNS"
