#!/usr/bin/env bash
# Lints the OpenAPI document with Redocly's recommended rules, warnings as errors (redocly.yaml). Without an argument
# it lints artifacts/openapi/v1.json, the document as the API serves it, which the test suite writes
# (OpenApiDocumentTests). Installs the linter pinned in package-lock.json on first use; needs Node.js 20.19+ and npm.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
DOCUMENT="${1:-$HERE/../../artifacts/openapi/v1.json}"

if [[ ! -f "$DOCUMENT" ]]; then
  echo "openapi-lint: $DOCUMENT does not exist; run the tests first (./scripts/test.sh writes it)" >&2
  exit 1
fi

if [[ ! -x "$HERE/node_modules/.bin/redocly" || "$HERE/package-lock.json" -nt "$HERE/node_modules" ]]; then
  npm ci --prefix "$HERE" --no-audit --no-fund --loglevel=error >&2
  touch "$HERE/node_modules"
fi

# No usage data leaves the machine, and no update notice clutters the output.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
"$HERE/node_modules/.bin/redocly" lint --config "$HERE/redocly.yaml" "$DOCUMENT"
