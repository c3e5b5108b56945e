#!/usr/bin/env bash
# Checks, before a single test runs, that the programs `make test` needs are on PATH:
#   java (17 or newer) and mvn   the OpenSearch node the engine tests start (services/opensearch/)
#   chromium                     the browser tests (or CHROMIUM_PATH naming one)
# A missing program is installed through apt when this runs as root on Debian/Ubuntu and
# PREREQS_INSTALL is not "no"; otherwise the script stops at once with the exact command to run.
# Without this the suite would fail half-way, at the first test that needs the program.
# Prints `CHROMIUM_PATH=...` on stdout (the Makefile passes it to the browser tests).
set -euo pipefail

say() { echo "prereqs: $*" >&2; }

# program -> Debian package that provides it
declare -A PACKAGE=([java]=openjdk-17-jdk-headless [mvn]=maven [chromium]=chromium)

java_ok() {
  command -v java >/dev/null 2>&1 || return 1
  local major
  major="$(java -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')"
  [ -n "$major" ] && [ "$major" -ge 17 ]
}

chromium_path() {
  if [ -n "${CHROMIUM_PATH:-}" ]; then
    [ -x "$CHROMIUM_PATH" ] && echo "$CHROMIUM_PATH"
    return
  fi
  command -v chromium 2>/dev/null || true
}

missing() {
  local out=()
  java_ok || out+=(java)
  command -v mvn >/dev/null 2>&1 || out+=(mvn)
  [ -n "$(chromium_path)" ] || out+=(chromium)
  echo "${out[@]:-}"
}

packages_for() {
  local names=() program
  for program in "$@"; do names+=("${PACKAGE[$program]}"); done
  echo "${names[@]}"
}

absent="$(missing)"
if [ -n "$absent" ]; then
  # shellcheck disable=SC2086
  packages="$(packages_for $absent)"
  if [ "$(id -u)" = 0 ] && [ "${PREREQS_INSTALL:-yes}" != no ] && command -v apt-get >/dev/null 2>&1; then
    say "not on PATH: $absent; installing $packages with apt-get"
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null; } \
      || { say "apt-get could not install $packages"; exit 1; }
    absent="$(missing)"
    if [ -n "$absent" ]; then
      say "installed $packages, but still not on PATH: $absent"
      say "add the directory that holds it to PATH (or set CHROMIUM_PATH for the browser)"
      exit 1
    fi
  else
    say "the test suite needs programs that are not on PATH: $absent"
    say "install them first:"
    say "    sudo apt-get install -y $packages"
    [ "${absent/chromium/}" != "$absent" ] && say "(or set CHROMIUM_PATH to a Chromium binary)"
    exit 1
  fi
fi
echo "CHROMIUM_PATH=$(chromium_path)"
