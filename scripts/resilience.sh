#!/usr/bin/env bash
# The six fault scenarios under load (system-tests ResilienceIT) on a platform started for them, then the report:
# per scenario requests, unexpected answers, client retries, client-visible failures, orders lost, duplicate orders,
# stock invariant, time to reroute or recover. About 8 minutes on 2 cores. Needs Prometheus on the PATH only for
# the other system tests; this one runs without.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk25.sh
./mvnw -q -DskipTests install
./mvnw -q verify -pl system-tests -Dtest=NoUnitTests -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ResilienceIT -Dfailsafe.failIfNoSpecifiedTests=false || status=$?
cat system-tests/target/resilience-report.md
exit "${status:-0}"
