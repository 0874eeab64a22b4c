#!/bin/sh
# Installs what building and testing Redress needs and is missing: Debian
# packages with apt-get, npm packages with npm ci from package-lock.json.
set -eu

DEBS="build-essential pkg-config clang libclang-rt-14-dev wrk bc libsqlite3-dev sqlite3 libjansson-dev libmicrohttpd-dev \
libsodium-dev libcmocka-dev libcairo2-dev libpango1.0-dev librsvg2-dev libcurl4-openssl-dev \
libpq-dev postgresql python3 python3-yaml python3-aiosmtpd poppler-utils curl chromium nodejs npm"

missing=""
for p in $DEBS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
# A machine may have its own node and npm outside Debian's packages.
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
	missing=$(printf '%s\n' $missing | grep -v -x -e nodejs -e npm | tr '\n' ' ' || true)
fi
missing=$(printf '%s' "$missing" | tr -s ' ')
if [ -n "${missing# }" ]; then
	echo "setup: installing$missing"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi

if [ -f package-lock.json ] && [ ! -d node_modules ]; then
	echo "setup: npm ci"
	npm ci --no-audit --no-fund --loglevel=error
fi
