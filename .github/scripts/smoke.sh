#!/usr/bin/env bash
# The platform's smoke test, the same for docker compose and Kubernetes (CI runs it against both):
# browse anonymously, get a token from auth-service through the gateway (client platform-cli), order with it,
# replay the order with its Idempotency-Key, check that an order without a token is refused, then ask Prometheus
# whether it scrapes every service.
#
#   PLATFORM_CLI_CLIENT_SECRET=... .github/scripts/smoke.sh GATEWAY_URL PROMETHEUS_URL
#                                                            e.g. http://127.0.0.1:8080 http://127.0.0.1:9090
#
# Services take a while to register in Eureka and to be routable, so each step retries until a deadline.
set -euo pipefail

gateway=${1:?usage: smoke.sh GATEWAY_URL PROMETHEUS_URL}
prometheus=${2:?usage: smoke.sh GATEWAY_URL PROMETHEUS_URL}
secret=${PLATFORM_CLI_CLIENT_SECRET:?set PLATFORM_CLI_CLIENT_SECRET, the platform-cli client secret the platform runs with}
deadline=$((SECONDS + ${SMOKE_TIMEOUT_SECONDS:-300}))
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# retry DESCRIPTION COMMAND...: runs COMMAND every 3 s until it succeeds or the deadline passes.
retry() {
    local description=$1
    shift
    until "$@"; do
        if ((SECONDS > deadline)); then
            echo "FAILED: $description" >&2
            return 1
        fi
        sleep 3
    done
    echo "ok: $description"
}

# status METHOD URL [curl arguments...]: prints the HTTP status; the body goes to $work/body, headers to $work/headers.
status() {
    local method=$1 url=$2
    shift 2
    curl --silent --show-error --max-time 10 --request "$method" --output "$work/body" --dump-header "$work/headers" \
         --write-out '%{http_code}' "$@" "$url" || echo 000
}

products_listed() {
    [[ $(status GET "$gateway/api/inventory/products?page=0&size=20") == 200 ]] && grep -q '"KB-001"' "$work/body"
}
retry "GET /api/inventory/products lists the demo catalogue" products_listed

# client_credentials at auth-service, through the gateway's /oauth2/** route. The secret goes in a header file,
# not on curl's command line, where other processes could read it.
printf 'Authorization: Basic %s\n' "$(printf 'platform-cli:%s' "$secret" | base64 -w0)" > "$work/client"
chmod 600 "$work/client"
token_issued() {
    [[ $(status POST "$gateway/oauth2/token" --header "@$work/client" --data grant_type=client_credentials \
            --data-urlencode 'scope=orders.read orders.write') == 200 ]] || return 1
    token=$(jq -r '.access_token // empty' "$work/body")
    [[ -n $token ]]
}
retry "POST /oauth2/token issues platform-cli an access token" token_issued
printf 'Authorization: Bearer %s\n' "$token" > "$work/bearer"

key=$(cat /proc/sys/kernel/random/uuid)
order='{"lines":[{"sku":"KB-001","quantity":1}]}'

# Without a token the API refuses, with a problem+json body and a Bearer challenge.
unauthorized=$(status POST "$gateway/api/orders" --header 'Content-Type: application/json' \
                  --header "Idempotency-Key: $key" --data "$order")
[[ $unauthorized == 401 ]] && grep -qi '^WWW-Authenticate: Bearer' "$work/headers" \
    || { echo "FAILED: POST /api/orders without a token: $unauthorized, not 401 with a Bearer challenge" >&2; exit 1; }
echo "ok: POST /api/orders without a token is 401"

# Tokens live 5 minutes, about as long as this may retry: a 401 fetches a new one first.
place_order() {
    local code
    code=$(status POST "$gateway/api/orders" --header "@$work/bearer" --header 'Content-Type: application/json' \
               --header "Idempotency-Key: $key" --data "$order")
    if [[ $code == 401 ]] && token_issued; then
        printf 'Authorization: Bearer %s\n' "$token" > "$work/bearer"
    fi
    [[ $code == 201 ]]
}
# 201: stock reserved, order CONFIRMED. A 503 while order-service or inventory-service are not yet routable is
# retried with the same key, which is what the key is for.
retry "POST /api/orders with an Idempotency-Key is 201 Created" place_order
location=$(tr -d '\r' < "$work/headers" | sed -n 's/^[Ll]ocation: *//p')
[[ -n $location ]] || { echo "FAILED: no Location header" >&2; exit 1; }

# The same key and body again: the same answer, the same order, nothing new.
replay=$(status POST "$gateway/api/orders" --header "@$work/bearer" --header 'Content-Type: application/json' \
            --header "Idempotency-Key: $key" --data "$order")
replayed_location=$(tr -d '\r' < "$work/headers" | sed -n 's/^[Ll]ocation: *//p')
[[ $replay == 201 && $replayed_location == "$location" ]] \
    || { echo "FAILED: replay answered $replay $replayed_location, expected 201 $location" >&2; exit 1; }
echo "ok: the replayed POST answers the same order ($location)"

# The Location points at the gateway as the client called it; ask for the path on the URL given here.
path="/${location#*://*/}"
[[ $(status GET "$gateway$path" --header "@$work/bearer") == 200 ]] && grep -q '"CONFIRMED"' "$work/body" \
    || { echo "FAILED: GET $path: $(cat "$work/body")" >&2; exit 1; }
echo "ok: GET $path is the CONFIRMED order"

# Prometheus scrapes every instance Eureka lists (job platform, label application) and discovery-service directly.
all_up() {
    [[ $(status GET "$prometheus/api/v1/query" --get --data-urlencode 'query=up == 1') == 200 ]] || return 1
    local application
    for application in discovery-service config-service inventory-service order-service gateway-service auth-service; do
        grep -q "\"application\":\"$application\"" "$work/body" || return 1
    done
}
retry "Prometheus: up == 1 for every service" all_up

echo "smoke test passed"
