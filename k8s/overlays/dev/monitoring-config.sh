#!/usr/bin/env bash
# Prometheus' and Grafana's configuration for the dev overlay, as ConfigMaps made from the repository's
# prometheus/ and grafana/ folders: the very files docker compose mounts, so both run the same configuration.
# Kustomize cannot generate these (it reads files only inside a kustomization's own folder, and those folders have
# no kustomization), so this script does. Run it after `kubectl apply -k k8s/overlays/dev`, and again after
# changing those files; it restarts Prometheus and Grafana to pick them up.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
namespace=${NAMESPACE:-twelve-factor}

apply_configmap() {
    local name=$1
    shift
    # Server-side apply: dashboards are large, and a client-side apply would also copy them into an annotation,
    # which is limited to 256 KiB.
    kubectl --namespace "$namespace" create configmap "$name" "$@" --dry-run=client --output=yaml \
        | kubectl --namespace "$namespace" apply --server-side --force-conflicts --field-manager=monitoring-config -f -
}

# grafana.yaml mounts these two provisioning folders; fail rather than silently leave out a new one.
for folder in "$root"/grafana/provisioning/*/; do
    case "$(basename "$folder")" in
        datasources | dashboards) ;;
        *) echo "grafana/provisioning/$(basename "$folder") is not mounted by k8s/overlays/dev/grafana.yaml" >&2; exit 1 ;;
    esac
done

apply_configmap prometheus-config --from-file="$root/prometheus/prometheus.yml.tmpl"
apply_configmap prometheus-rules --from-file="$root/prometheus/rules"
apply_configmap grafana-datasources --from-file="$root/grafana/provisioning/datasources"
apply_configmap grafana-dashboard-providers --from-file="$root/grafana/provisioning/dashboards"
apply_configmap grafana-dashboards --from-file="$root/grafana/dashboards"

kubectl --namespace "$namespace" rollout restart deployment/prometheus deployment/grafana
