#!/usr/bin/env bash
# Benchmarks of startup, memory, the gateway's hop and order throughput, BASELINE (java -jar, no flags) against
# TUNED (the platform's launch: AOT cache + jvm.options), on a platform of their own (free ports, .platform-bench/):
# a Markdown report with the machine's description on stdout and in target/benchmark-report.md. Takes about half
# an hour with the default 5 runs; not part of ./mvnw verify. Run it on an otherwise idle machine.
#   scripts/benchmark.sh [startup|memory|gateway|orders|saturation|all|profile]... [--runs 5] [--clients 16] [--compare BEFORE.csv] [--out target]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk25.sh

# wrk measures throughput at a lower CPU cost than the Java fallback, nginx is the proxy the gateway is compared
# with. Installed on Debian/Ubuntu when possible; without them the report says what it used instead.
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
if (( ${#missing[@]} )) && command -v apt-get >/dev/null; then
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo -n"
  echo "[benchmark] Installing ${missing[*]} with apt-get..." >&2
  # The nginx package would start a system nginx on port 80; policy-rc.d tells the package to start nothing.
  policy=/usr/sbin/policy-rc.d
  own_policy=false
  if [[ ! -e $policy ]] && $sudo sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod +x $policy" 2>/dev/null; then
    own_policy=true
  fi
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null; } \
    || echo "[benchmark] Could not install ${missing[*]}; going on without." >&2
  if $own_policy; then $sudo rm -f "$policy"; fi
fi

# ./platform bench builds first when a jar or an AOT cache it runs is missing or older than a source.
mkdir -p target
report=target/benchmark-report.md
(( $# )) || set -- all
# The report is stdout only; progress goes to stderr (the terminal).
set +e
./platform bench "$@" | tee "$report"
status=${PIPESTATUS[0]}
set -e
echo "[benchmark] Report: $report" >&2
exit "$status"
