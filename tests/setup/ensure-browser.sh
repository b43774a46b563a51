#!/usr/bin/env bash
# The browser tests drive Debian's chromium and measure text laid out in a CJK font; the print
# tests read the PDFs chromium writes with poppler-utils. Chromium embeds CFF fonts such as Noto
# CJK in a PDF as unnamed Type 3 glyphs, so the print layout's 仿宋 and 楷体 stand-ins are the
# TrueType AR PL fonts. Installs what is missing (as root on Debian); otherwise says what to
# install and fails.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
fc-list 'AR PL UMing CN' 2>/dev/null | grep -q . || missing+=(fonts-arphic-uming)
fc-list 'AR PL UKai CN' 2>/dev/null | grep -q . || missing+=(fonts-arphic-ukai)
command -v pdftotext >/dev/null && command -v pdffonts >/dev/null && command -v pdfinfo >/dev/null || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${missing[*]} for the browser and print tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" fontconfig >/dev/null
  exit 0
fi
echo "The browser and print tests need: ${missing[*]}. Install them, e.g.: sudo apt-get install ${missing[*]}" >&2
exit 1
