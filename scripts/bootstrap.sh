#!/usr/bin/env bash
# Sets up everything CaseLens needs on a fresh Debian machine, then starts it or tests it:
#   bash scripts/bootstrap.sh start   # the workstation on its built-in demo case
#   bash scripts/bootstrap.sh test    # the whole test suite
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-}"
case "$mode" in start|test) ;; *) echo "usage: bash scripts/bootstrap.sh start|test" >&2; exit 2 ;; esac

# Debian packages: Chromium (browser mode and Playwright), exiftool and vipsthumbnail (test oracles and
# the benchmark baseline), the OCR-B and DejaVu fonts (generated documents) and the near-miss fonts the generated
# forgeries are printed in (Liberation, Nimbus from urw-base35, Noto Mono), poppler (report checks), and
# Tesseract language data for the OCR (copied into resources/ocr by scripts/install-ocr-data.ts), and what
# the native addons build with at install (a C++ toolchain, Python for node-gyp, libjpeg-turbo headers).
packages=(chromium libimage-exiftool-perl libvips-tools fonts-ocr-b fonts-dejavu-core fonts-liberation fonts-urw-base35 fonts-noto-mono fontconfig poppler-utils
  tesseract-ocr-srp tesseract-ocr-srp-latn tesseract-ocr-mkd tesseract-ocr-sqi tesseract-ocr-bos tesseract-ocr-hrv tesseract-ocr-slv
  g++ make python3 libjpeg62-turbo-dev libjpeg-turbo-progs)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then apt_get=(apt-get); elif command -v sudo >/dev/null; then apt_get=(sudo apt-get); else apt_get=(); fi
  if [ "${#apt_get[@]}" -gt 0 ]; then
    echo "Installing Debian packages: ${missing[*]}" >&2
    "${apt_get[@]}" update -qq
    DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "warning: cannot install ${missing[*]} (not root, no sudo); some tests and browser mode need them" >&2
  fi
fi

# npm dependencies exactly as locked. Install scripts run only for packages approved in package.json's
# allowScripts (better-sqlite3 builds from source here); Electron's download script is not approved, so
# this works offline and Electron is used only where its binary already exists.
if [ "$mode" = test ] || [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

# OCR language data (resources/ocr, not committed): verified, and copied where missing or altered.
npx --no-install tsx scripts/install-ocr-data.ts

if [ "$mode" = start ]; then exec npm start; else exec npm test; fi
