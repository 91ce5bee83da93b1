#!/usr/bin/env bash
# Install Debian's chromium for the browser tests (tests/web/test_browser.py drives /usr/bin/chromium
# through the playwright Python package; `playwright install` is never run: it downloads browsers).
# Idempotent: does nothing when chromium is already there. Needs root on Debian.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "browser.sh: /usr/bin/chromium is missing; run as root, or: sudo apt-get install -y chromium" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
