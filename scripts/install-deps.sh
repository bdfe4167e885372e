#!/usr/bin/env bash
# Installs procura's build, runtime and test dependencies from Debian's
# packages (and npm for the browser tests). Idempotent: packages already
# present are skipped, so a second run costs a few seconds.
#   scripts/install-deps.sh          build + runtime
#   scripts/install-deps.sh --test   also Chromium, Node.js and npm packages
set -euo pipefail

want_test=0
[[ "${1:-}" == "--test" ]] && want_test=1

pkgs=(build-essential cmake pkg-config ca-certificates
      libboost-dev libboost-locale-dev libicu-dev gettext libsqlite3-dev sqlite3
      libcmark-gfm-dev libcmark-gfm-extensions-dev libkainjow-mustache-dev
      libcli11-dev libspdlog-dev libfmt-dev nlohmann-json3-dev
      libsodium-dev libvips-dev libxapian-dev libgtest-dev libgmock-dev libbenchmark-dev
      libqrencode-dev libxlsxwriter-dev libminizip-dev libexpat1-dev libdeflate-dev libbrotli-dev zlib1g-dev libpq-dev
      libopencc-dev libcurl4-openssl-dev liboath-dev libical-dev node-qrcode-generator)
if (( want_test )); then
  pkgs+=(chromium fonts-noto-cjk curl python3-openpyxl python3-feedparser python3-icalendar libxml2-utils nginx zbar-tools
        clang-14 libclang-rt-14-dev postgresql-15 wrk rsync)
  command -v node >/dev/null || pkgs+=(nodejs)
  command -v npm >/dev/null || pkgs+=(npm)
  command -v java >/dev/null || pkgs+=(default-jre-headless)
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done

if (( ${#missing[@]} )); then
  echo "install-deps: installing ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if (( want_test )); then
  cd "$(dirname "$0")/../tests/js"
  if [[ ! -d node_modules/playwright-core || package.json -nt node_modules/.stamp ]]; then
    npm ci --no-audit --no-fund --loglevel=error
    touch node_modules/.stamp
  fi
fi
