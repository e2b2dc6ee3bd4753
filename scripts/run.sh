#!/usr/bin/env bash
# Runs the API locally with demo data on http://localhost:5080 (CLINIC_PORT changes the port), prints the address of
# the therapist's pages (sign in there as a demo therapist) and a bearer token per demo role.
# Ctrl-C stops the API; the database keeps running (scripts/postgres.sh stop).
# Uses the server in CLINIC_DB when set, else starts the private cluster of scripts/postgres.sh.
set -euo pipefail

readonly API_URL="http://localhost:${CLINIC_PORT:-5080}"
readonly DATABASE_NAME=clinic
readonly READY_TIMEOUT_SECONDS=90

# The identities the API seeds in Development (Demo__Seed=true).
readonly DEMO_PRACTICE=11111111-1111-4111-8111-111111111111
readonly DEMO_ADMIN=aaaaaaaa-0000-4000-8000-000000000001
readonly DEMO_THERAPIST=7e000000-0000-4000-8000-000000000001
readonly DEMO_THERAPIST_2=7e000000-0000-4000-8000-000000000002
readonly DEMO_CLIENT=c1000000-0000-4000-8000-000000000001
readonly DEMO_INTEGRATION=1a000000-0000-4000-8000-000000000001
readonly DEMO_OPERATOR=0e000000-0000-4000-8000-000000000001

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$REPO_ROOT"

log() { printf 'run: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

command -v curl >/dev/null 2>&1 || die "curl is required (apt-get install curl)"
command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK is required (dotnet not found)"

http_status() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" 2>/dev/null || true
}

# The admin connection string with its Database key replaced.
with_database() {
  local connection_string="$1" database="$2" part key result=""
  local -a parts
  IFS=';' read -r -a parts <<<"$connection_string"
  for part in "${parts[@]}"; do
    [[ -n "${part//[[:space:]]/}" ]] || continue
    key="$(printf '%s' "${part%%=*}" | tr -d '[:space:]' | tr '[:upper:]' '[:lower:]')"
    case "$key" in
      database | db) ;;
      *) result+="$part;" ;;
    esac
  done
  printf '%sDatabase=%s\n' "$result" "$database"
}

ensure_database() {
  local exists
  if ! exists="$(./scripts/postgres.sh psql -tA -c "select 1 from pg_database where datname = '$DATABASE_NAME'" 2>/dev/null)"; then
    log "could not check for database '$DATABASE_NAME' with psql; leaving it to the API's migration"
    return 0
  fi
  if [[ "$exists" != 1 ]]; then
    log "creating database '$DATABASE_NAME'"
    ./scripts/postgres.sh psql -q -v ON_ERROR_STOP=1 -c "create database $DATABASE_NAME" >/dev/null
  fi
}

# A development signing key, generated once and kept out of git.
signing_key() {
  local key_file="$REPO_ROOT/.data/dev-signing-key"
  if [[ ! -s "$key_file" ]]; then
    mkdir -p "$(dirname "$key_file")"
    (
      umask 077
      if command -v openssl >/dev/null 2>&1; then
        openssl rand -base64 32 >"$key_file"
      else
        head -c 32 /dev/urandom | base64 >"$key_file"
      fi
    )
    log "generated a development signing key in .data/dev-signing-key"
  fi
  tr -d '[:space:]' <"$key_file"
}

# POSTs to the development token endpoint and prints "label: Bearer <token>".
print_token() {
  local label="$1" role="$2" subject="$3" practice="${4:-}" body response token
  if [[ -n "$practice" ]]; then
    body="{\"role\": \"$role\", \"subjectId\": \"$subject\", \"practiceId\": \"$practice\"}"
  else
    body="{\"role\": \"$role\", \"subjectId\": \"$subject\"}"
  fi
  if ! response="$(curl -sS --fail --max-time 10 -X POST -H 'Content-Type: application/json' \
    -d "$body" "$API_URL/api/v1/dev/tokens" 2>&1)"; then
    printf '%s: (no token: %s)\n' "$label" "$response"
    return 0
  fi
  token="$(printf '%s' "$response" | tr -d '\n' | sed -n 's/.*"accessToken"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')"
  if [[ -z "$token" ]]; then
    printf '%s: (no accessToken in the response)\n' "$label"
    return 0
  fi
  printf '%s: Bearer %s\n' "$label" "$token"
}

if [[ "$(http_status "$API_URL/health/live")" != 000 ]]; then
  die "something already answers on $API_URL; is the API running elsewhere?"
fi

if [[ -z "${CLINIC_DB:-}" ]]; then
  ./scripts/postgres.sh start
fi
admin_url="$(./scripts/postgres.sh url)"
ensure_database

# The pages' chart library; without it the pages show their tables but draw no chart.
./tools/web-assets/build.sh || log "could not install the chart library (needs Node.js and npm): the pages will draw no charts"

if [[ -z "${Auth__SigningKey:-}" ]]; then
  Auth__SigningKey="$(signing_key)"
fi

export ASPNETCORE_ENVIRONMENT=Development
export ConnectionStrings__Clinic
ConnectionStrings__Clinic="$(with_database "$admin_url" "$DATABASE_NAME")"
export Database__MigrateOnStartup=true
export Demo__Seed=true
export Auth__SigningKey
export Auth__DevTokens__Enabled=true
# The token service, where the pages sign in, names itself by the address the browser uses.
export Auth__TokenIssuer="${Auth__TokenIssuer:-$API_URL/}"
# The garbage collector setting of the Dockerfile (ADR 0013).
export DOTNET_GCGen1MaxBudget="${DOTNET_GCGen1MaxBudget:-0x600000}"

api_pid=""
# shellcheck disable=SC2317 # called by the EXIT trap
stop_api() {
  if [[ -n "$api_pid" ]] && kill -0 "$api_pid" 2>/dev/null; then
    log "stopping the API"
    # The API runs in its own process group: `dotnet run` and the app it started.
    kill -TERM -- "-$api_pid" 2>/dev/null || kill -TERM "$api_pid" 2>/dev/null || true
    wait "$api_pid" 2>/dev/null || true
  fi
  if [[ -z "${CLINIC_DB:-}" ]]; then
    log "the database keeps running; stop it with ./scripts/postgres.sh stop"
  fi
}
trap stop_api EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "building and starting the API on $API_URL"
# Its own session, so that Ctrl-C reaches only this script, which then stops the API in an orderly way.
if command -v setsid >/dev/null 2>&1; then
  setsid dotnet run --project src/Clinic.Api -c Release --no-launch-profile --urls "$API_URL" </dev/null &
else
  dotnet run --project src/Clinic.Api -c Release --no-launch-profile --urls "$API_URL" </dev/null &
fi
api_pid=$!

deadline=$((SECONDS + READY_TIMEOUT_SECONDS))
until [[ "$(http_status "$API_URL/health/ready")" == 200 ]]; do
  if ! kill -0 "$api_pid" 2>/dev/null; then
    api_status=0
    wait "$api_pid" || api_status=$?
    api_pid=""
    die "the API exited (status $api_status) before it was ready"
  fi
  if ((SECONDS >= deadline)); then
    die "the API was not ready within ${READY_TIMEOUT_SECONDS}s ($API_URL/health/ready)"
  fi
  sleep 1
done

cat <<EOF

API:      $API_URL
Swagger:  $API_URL/swagger
Pages:    $API_URL/app   (the caseload and session-prep sheets; sign in as Dr. Maya Okafor or Sam Reyes, demo therapists)

Authorization headers for the demo identities:
EOF
print_token admin admin "$DEMO_ADMIN" "$DEMO_PRACTICE"
print_token therapist therapist "$DEMO_THERAPIST" "$DEMO_PRACTICE"
print_token "therapist 2" therapist "$DEMO_THERAPIST_2" "$DEMO_PRACTICE"
print_token client client "$DEMO_CLIENT" "$DEMO_PRACTICE"
print_token integration integration "$DEMO_INTEGRATION" "$DEMO_PRACTICE"
print_token operator operator "$DEMO_OPERATOR"
cat <<EOF

Ctrl-C stops the API. The database keeps running; stop it with ./scripts/postgres.sh stop
EOF

api_status=0
wait "$api_pid" || api_status=$?
api_pid=""
exit "$api_status"
