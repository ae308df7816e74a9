package dev.twelvefactor.platform.monitoring;

import dev.twelvefactor.platform.PlatformOptions;
import dev.twelvefactor.platform.process.ManagedProcess;
import dev.twelvefactor.platform.process.ReadinessProbe;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Prometheus and its Pushgateway beside the local platform, when their binaries are on the PATH (Debian:
 * {@code apt-get install prometheus prometheus-pushgateway}), with the same configuration as compose and Kubernetes.
 * Without them the platform runs all the same; {@code docker compose up} brings the dashboards.
 */
public final class Monitoring implements AutoCloseable {

    private final PlatformOptions options;
    private final Consumer<String> log;
    private final List<ManagedProcess> processes = new ArrayList<>();
    private final ReadinessProbe probe = new ReadinessProbe();
    private String pushgatewayUrl;
    private String prometheusUrl;

    public Monitoring(PlatformOptions options, Consumer<String> log) {
        this.options = options;
        this.log = log;
    }

    /** Starts the Pushgateway if installed; its URL is then what services get as PUSHGATEWAY_URL. */
    public Optional<String> startPushgateway(int port) {
        Optional<Path> binary = onPath("prometheus-pushgateway", "pushgateway");
        if (binary.isEmpty()) {
            log.accept("Pushgateway not found on PATH: admin task runs and shutdown durations are not recorded");
            return Optional.empty();
        }
        String address = "127.0.0.1:" + port;
        start("pushgateway", List.of(binary.get().toString(), "--web.listen-address=" + address,
                "--persistence.file=" + directory().resolve("pushgateway.data")));
        pushgatewayUrl = "http://" + address;
        awaitReady(pushgatewayUrl + "/-/ready");
        return Optional.of(pushgatewayUrl);
    }

    /** Starts Prometheus if installed, discovering every instance through Eureka. */
    public Optional<String> startPrometheus(int port, String eurekaServer, String discoveryMetricsTarget) {
        Optional<Path> binary = onPath("prometheus");
        if (binary.isEmpty()) {
            log.accept("Prometheus not found on PATH: for dashboards, run docker compose up (see README)");
            return Optional.empty();
        }
        Path config = PrometheusConfig.writeTo(options.home(), directory(), Map.of(
                "EUREKA_SERVER", eurekaServer,
                "DISCOVERY_METRICS_TARGET", discoveryMetricsTarget,
                // Without a Pushgateway this target is simply down.
                "PUSHGATEWAY_TARGET", pushgatewayUrl == null ? "127.0.0.1:9091" : pushgatewayUrl.replace("http://", "")));
        String address = "127.0.0.1:" + port;
        start("prometheus", List.of(binary.get().toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + directory().resolve("data"), "--web.listen-address=" + address,
                "--web.enable-lifecycle", "--log.level=warn"));
        prometheusUrl = "http://" + address;
        awaitReady(prometheusUrl + "/-/ready");
        if (onPath("grafana-server", "grafana").isEmpty()) {
            log.accept("Grafana not found on PATH: the dashboards in grafana/ come with docker compose up");
        }
        return Optional.of(prometheusUrl);
    }

    public Optional<String> prometheusUrl() {
        return Optional.ofNullable(prometheusUrl);
    }

    public Optional<String> pushgatewayUrl() {
        return Optional.ofNullable(pushgatewayUrl);
    }

    private void start(String name, List<String> command) {
        ManagedProcess process = new ManagedProcess(name, command, Map.of(), directory(),
                options.logDirectory().resolve(name + ".log"), options.dataDirectory().resolve("pids").resolve(name + ".pid"));
        log.accept("Starting " + name);
        process.start();
        processes.add(process);
    }

    private void awaitReady(String url) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (probe.status(url) != 200) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(url + " was not ready within 60 s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + url, e);
            }
        }
    }

    private Path directory() {
        Path directory = options.dataDirectory().resolve("monitoring");
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return directory;
    }

    private static Optional<Path> onPath(String... names) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : names) {
                Path candidate = Path.of(entry, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        processes.forEach(process -> process.stop(Duration.ofSeconds(10)));
    }
}
