#!/bin/sh
# Starts Prometheus from the repository's one configuration source, prometheus/prometheus.yml.tmpl (mounted at
# /etc/prometheus with its rules/ folder), in docker compose and in the dev Kubernetes overlay alike. Prometheus
# does not expand environment variables, so every ${NAME} outside comments is replaced with that variable's value
# first, as the launcher's PrometheusConfig does; a placeholder without a value stops the start instead of leaving
# a broken address. The rules folder is linked beside the rendered file, where `rule_files: [rules/*.yml]` looks.
# Arguments are passed on to Prometheus.
set -eu

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
