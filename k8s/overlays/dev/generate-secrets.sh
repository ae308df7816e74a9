#!/usr/bin/env bash
# The dev overlay's credentials and auth-service's signing key, generated on this machine into secrets/ beside this
# script (git-ignored, readable by you only), where the overlay's secretGenerator reads them. Run it once before
# the first `kubectl apply -k k8s/overlays/dev`; existing files are kept, so running it again changes nothing and
# the same values are applied every time. Every value is random: nothing the cluster runs with is in git.
#
#   k8s/overlays/dev/generate-secrets.sh && kubectl apply -k k8s/overlays/dev
#
# To look one up (the demo user's password for the login page, Grafana's admin password):
#   cat k8s/overlays/dev/secrets/auth-clients.env
# To start over, delete secrets/ and the namespace (the database volume keeps the passwords its roles were created
# with): kubectl delete namespace twelve-factor
#
# Needs openssl (for the RSA key). The production overlay expects the same Secrets, created out of band.
set -euo pipefail
directory=${1:-$(cd "$(dirname "$0")" && pwd)/secrets}
umask 077
mkdir -p "$directory"
chmod 700 "$directory"

# 32 characters of A-Z a-z 0-9 (190 bits): URL-safe, since EUREKA_URL carries EUREKA_PASSWORD in its user info.
random() {
    LC_ALL=C tr -dc 'A-Za-z0-9' < /dev/urandom | head -c 32 || true
}

# env_file NAME KEY...: NAME.env with a random value for each KEY, unless the file exists.
env_file() {
    local file=$directory/$1.env
    shift
    if [[ -e $file ]]; then
        echo "kept    $file"
        return
    fi
    local key
    for key in "$@"; do
        printf '%s=%s\n' "$key" "$(random)"
    done > "$file.tmp"
    mv "$file.tmp" "$file"
    echo "created $file"
}

env_file platform-credentials EUREKA_PASSWORD CONFIG_PASSWORD MONITORING_PASSWORD ADMIN_PASSWORD
env_file auth-clients ORDER_SERVICE_CLIENT_SECRET PLATFORM_CLI_CLIENT_SECRET LOAD_GENERATOR_CLIENT_SECRET \
    DEMO_USER_PASSWORD
env_file grafana-admin GRAFANA_ADMIN_PASSWORD
env_file postgres-admin POSTGRES_PASSWORD
env_file order-db DB_PASSWORD
env_file inventory-db DB_PASSWORD

# auth-service's signing key: RSA 3072, PKCS#8 PEM (what `openssl genpkey` writes).
key=$directory/auth-signing-key.pem
if [[ -e $key ]]; then
    echo "kept    $key"
else
    # Its progress dots only matter when it fails.
    if ! output=$(openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$key.tmp" 2>&1); then
        echo "$output" >&2
        exit 1
    fi
    mv "$key.tmp" "$key"
    echo "created $key"
fi
