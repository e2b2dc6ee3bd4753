#!/usr/bin/env bash
# Installs the chart library of the therapist's pages as package-lock.json pins it (npm ci) and copies the files the
# pages load into the API's static files (src/Clinic.Api/wwwroot/app/vendor, git-ignored), with their licences.
# Run by scripts/run.sh, scripts/test.sh and the Dockerfile; needs Node.js 20+ and npm. Does nothing when the copies are
# already newer than the lock file.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
TARGET="$HERE/../../src/Clinic.Api/wwwroot/app/vendor"

# The files the pages load, from the packages' own distributions: Plot's UMD build expects d3 as a global.
readonly -a FILES=(
  "d3/dist/d3.min.js:d3.min.js"
  "d3/LICENSE:d3.LICENSE.txt"
  "@observablehq/plot/dist/plot.umd.min.js:plot.umd.min.js"
  "@observablehq/plot/LICENSE:plot.LICENSE.txt"
)

up_to_date() {
  local entry
  for entry in "${FILES[@]}"; do
    [[ -f "$TARGET/${entry##*:}" && "$TARGET/${entry##*:}" -nt "$HERE/package-lock.json" ]] || return 1
  done
}

if up_to_date; then
  exit 0
fi

command -v npm >/dev/null 2>&1 || { echo "web-assets: npm is required (Node.js 20+) to install the chart library" >&2; exit 1; }
npm ci --prefix "$HERE" --ignore-scripts --no-audit --no-fund --loglevel=error >&2

mkdir -p "$TARGET"
for entry in "${FILES[@]}"; do
  cp "$HERE/node_modules/${entry%%:*}" "$TARGET/${entry##*:}"
done
echo "web-assets: copied the chart library into src/Clinic.Api/wwwroot/app/vendor" >&2
