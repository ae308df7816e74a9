#!/bin/sh
# Starts Prometheus from the repository's one configuration source, prometheus/prometheus.yml.tmpl (mounted at
# /etc/prometheus with its rules/ folder), in docker compose and in the dev Kubernetes overlay alike. Prometheus
# does not expand environment variables, so every ${NAME} outside comments is replaced with that variable's value
# first, as the launcher's PrometheusConfig does; a placeholder without a value stops the start instead of leaving
# a broken address. The rules folder is linked beside the rendered file, where `rule_files: [rules/*.yml]` looks.
# Arguments are passed on to Prometheus.
#
# Prometheus authenticates to Eureka (user eureka) and to the actuators it scrapes (user monitoring) with passwords
# it reads from files (password_file), named by ${EUREKA_PASSWORD_FILE} and ${MONITORING_PASSWORD_FILE} in the
# template. Kubernetes mounts those files from a Secret and sets the two variables; docker compose passes the
# passwords themselves (EUREKA_PASSWORD, MONITORING_PASSWORD), which this script writes to files only Prometheus'
# user can read, in its tmpfs, and takes out of the environment Prometheus is started with.
set -eu

# password_file NAME: makes sure NAME_FILE names a file holding the password, from NAME when NAME_FILE is unset.
password_file() {
    eval "file=\${${1}_FILE:-}" "value=\${${1}:-}"
    if [ -z "$file" ]; then
        if [ -z "$value" ]; then
            echo "${1} is not set (nor ${1}_FILE, a file holding it)" >&2
            exit 1
        fi
        file=/tmp/secrets/$(printf '%s' "$1" | tr 'A-Z_' 'a-z-')
        (umask 077 && mkdir -p /tmp/secrets && printf '%s' "$value" > "$file")
        export "${1}_FILE=$file"
    elif [ ! -r "$file" ]; then
        echo "${1}_FILE=$file cannot be read" >&2
        exit 1
    fi
    unset "$1"
}
password_file EUREKA_PASSWORD
password_file MONITORING_PASSWORD

awk '
    /^[[:space:]]*#/ { print; next }
    {
        line = $0
        while (match(line, /\$\{[A-Z_][A-Z0-9_]*\}/)) {
            name = substr(line, RSTART + 2, RLENGTH - 3)
            if (!(name in ENVIRON)) {
                printf "prometheus.yml.tmpl line %d: ${%s} is not set\n", NR, name > "/dev/stderr"
                exit 1
            }
            printf "%s%s", substr(line, 1, RSTART - 1), ENVIRON[name]
            line = substr(line, RSTART + RLENGTH)
        }
        print line
    }
' /etc/prometheus/prometheus.yml.tmpl > /tmp/prometheus.yml

ln -sfn /etc/prometheus/rules /tmp/rules
exec /bin/prometheus --config.file=/tmp/prometheus.yml "$@"
