#!/usr/bin/env bash
# The browser tests drive Debian's chromium and measure text laid out in a CJK font.
# Installs both when missing (as root on Debian); otherwise says what to install and fails.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${missing[*]} for the browser tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" fontconfig >/dev/null
  exit 0
fi
echo "The browser tests need: ${missing[*]}. Install them, e.g.: sudo apt-get install ${missing[*]}" >&2
exit 1
