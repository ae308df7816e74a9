#!/usr/bin/env bash
# A longer soak than the CI scenarios: the platform with two instances each of order-service and inventory-service
# under steady load for MINUTES (default 10), with an instance killed (-9) or restarted every 30 s, then the same
# audit as the scenarios (client-visible failures, orders lost, duplicates, stock invariant). Not part of ./mvnw verify.
#   scripts/soak.sh [MINUTES] [RATE]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk25.sh
./mvnw -q -DskipTests install
./mvnw -q verify -pl system-tests -Dtest=NoUnitTests -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=SoakIT -Dfailsafe.failIfNoSpecifiedTests=false -Dsoak.minutes="${1:-10}" -Dsoak.rate="${2:-25}" || status=$?
cat system-tests/target/soak-report.md
exit "${status:-0}"
