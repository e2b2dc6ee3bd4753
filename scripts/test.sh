#!/usr/bin/env bash
# Runs the whole test suite against PostgreSQL and ends with one line: `tests: N passed, N failed`.
# Extra arguments go to `dotnet test`, e.g. scripts/test.sh --filter "FullyQualifiedName~Adherence".
# Uses the server in CLINIC_DB when set, else starts the private cluster of scripts/postgres.sh.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$REPO_ROOT"

summary() {
  echo "tests: $1 passed, $2 failed"
}

if [[ -z "${CLINIC_DB:-}" ]]; then
  ./scripts/postgres.sh start
fi
CLINIC_TEST_PG="$(./scripts/postgres.sh url)"
export CLINIC_TEST_PG

if ! dotnet tool restore >/dev/null; then
  echo "dotnet tool restore failed" >&2
  summary 0 1
  exit 1
fi

# The pages' chart library (npm ci from its lock file, copied into the API's static files).
if ! ./tools/web-assets/build.sh; then
  echo "could not install the chart library (tools/web-assets/build.sh)" >&2
  summary 0 1
  exit 1
fi

# The browser tests drive Debian's chromium; no browser is downloaded at test time. Install it when missing and
# allowed to (root with apt-get, as on CI); otherwise those tests fail and say so.
if [[ -z "${CLINIC_CHROMIUM:-}" && ! -x /usr/bin/chromium ]]; then
  if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "installing chromium for the browser tests" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; } \
      || echo "could not install chromium: the browser tests will fail" >&2
  else
    echo "chromium is not installed (apt-get install chromium, or set CLINIC_CHROMIUM): the browser tests will fail" >&2
  fi
fi

results_dir="TestResults/run-$(date +%Y%m%d-%H%M%S)-$$"
mkdir -p "$results_dir"

dotnet_status=0
dotnet test Clinic.sln -c Release --logger "trx" --results-directory "$results_dir" "$@" || dotnet_status=$?

# One .trx per test project; add up their counters. Errors, timeouts and aborts count as failures.
trx_files=()
while IFS= read -r -d '' file; do
  trx_files+=("$file")
done < <(find "$results_dir" -type f -name '*.trx' -print0)

if [[ ${#trx_files[@]} -eq 0 ]]; then
  echo "no test results were written (did the build fail?)" >&2
  summary 0 1
  exit 1
fi

counter() {
  local name="$1" counters="$2" value
  value="$(printf '%s\n' "$counters" | grep -o " $name=\"[0-9]*\"" | head -n 1 | tr -dc '0-9' || true)"
  printf '%s\n' "${value:-0}"
}

passed=0
failed=0
for file in "${trx_files[@]}"; do
  counters="$(grep -o '<Counters [^>]*>' "$file" | head -n 1 || true)"
  if [[ -z "$counters" ]]; then
    echo "no counters in $file" >&2
    failed=$((failed + 1))
    continue
  fi
  passed=$((passed + $(counter passed "$counters")))
  for name in failed error timeout aborted; do
    failed=$((failed + $(counter "$name" "$counters")))
  done
done

echo "test results: $results_dir" >&2
if [[ $dotnet_status -ne 0 && $failed -eq 0 ]]; then
  # Some project did not build or the runner crashed: not a pass, whatever the counters say.
  echo "dotnet test exited with $dotnet_status although no test failed" >&2
  failed=1
fi
summary "$passed" "$failed"
if [[ $dotnet_status -ne 0 || $failed -ne 0 ]]; then
  exit 1
fi
