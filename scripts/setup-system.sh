#!/usr/bin/env bash
# System packages the full test suite needs: Debian's chromium (browser tests),
# postgresql (storage tests on a real server), poppler-utils (the report test
# turns the PDF into a picture and reads its text) and the Pango library and a
# font that WeasyPrint draws the PDF report with. Installed only when missing,
# and only where we may (root, or passwordless sudo).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
{ command -v pg_ctl >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; } || need+=(postgresql)
command -v node >/dev/null 2>&1 || need+=(nodejs npm)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0.so.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
{ command -v fc-list >/dev/null 2>&1 && fc-list | grep -qi dejavu; } || need+=(fonts-dejavu-core)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
  echo "note: please install ${need[*]} (Debian packages) for the browser and PostgreSQL tests" >&2; exit 0
fi
echo "installing Debian packages: ${need[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
