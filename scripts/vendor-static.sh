#!/usr/bin/env bash
# Front-end packages come from npm and are copied into the web app's static/
# folder with their licences: no CDN, no request leaves the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f package.json ] || exit 0
command -v npm >/dev/null 2>&1 || { echo "note: npm not found; using the committed htmx only (no live camera)" >&2; exit 0; }
[ -f src/acupress/web/static/vendor/.complete ] && [ src/acupress/web/static/vendor/.complete -nt package.json ] && exit 0
npm ci --no-audit --no-fund --silent
node scripts/vendor-static.mjs
