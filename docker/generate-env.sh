#!/bin/sh
# Writes .env beside docker-compose.yml from .env.example, with a new random value for every password and client
# secret (names ending in _PASSWORD or _SECRET); every other line is copied as it is, so its dev default applies.
# The file is readable by you only. An existing .env is never overwritten: delete it first to start over (and the
# volumes too, `docker compose down --volumes`: the database roles keep the passwords they were created with).
#
#   docker/generate-env.sh [ENV_FILE]        default: .env in the repository root
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
target=${1:-$root/.env}

if [ -e "$target" ]; then
    echo "$target exists: kept as it is (delete it to generate a new one)" >&2
    exit 0
fi

# 32 characters of A-Z a-z 0-9 (190 bits), URL-safe: the values end up in EUREKA_URL and HTTP Basic headers.
random() {
    LC_ALL=C tr -dc 'A-Za-z0-9' < /dev/urandom | head -c 32
}

umask 077
temporary="$target.tmp.$$"
trap 'rm -f "$temporary"' EXIT
while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in
        *_PASSWORD= | *_SECRET=) printf '%s%s\n' "$line" "$(random)" ;;
        *) printf '%s\n' "$line" ;;
    esac
done < "$root/.env.example" > "$temporary"
mv "$temporary" "$target"
trap - EXIT
echo "$target written (mode 600): random passwords and client secrets, dev defaults for the rest"
