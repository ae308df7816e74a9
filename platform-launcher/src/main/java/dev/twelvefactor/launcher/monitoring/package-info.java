/**
 * Prometheus and its Pushgateway beside the local platform, configured as compose and
 * Kubernetes configure them.
 */
package dev.twelvefactor.launcher.monitoring;
