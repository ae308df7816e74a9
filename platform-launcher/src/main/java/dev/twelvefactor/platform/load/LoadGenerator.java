package dev.twelvefactor.platform.load;

import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives the public API through the gateway at a fixed request rate, as clients would: product reads, order
 * creates (with an Idempotency-Key, retried on 5xx and timeouts with the same key, at most {@code maxRetries} times)
 * and reads of the orders it placed. Requests start on schedule whether or not earlier ones have answered, and
 * latency is measured from the scheduled start, so a stall shows as latency instead of being hidden
 * (coordinated omission). Bounded in count and time, stops by itself, and targets loopback addresses only.
 */
public final class LoadGenerator {

    /** What a request does. */
    public enum Kind { PRODUCT_READ, ORDER_CREATE, ORDER_READ }

    /**
     * @param target      the gateway's URL; must resolve to a loopback address
     * @param rate        requests started per second
     * @param duration    how long to run at most
     * @param maxRequests how many requests to start at most
     * @param maxRetries  retries of an order create after a 5xx or a timeout, same Idempotency-Key
     * @param timeout     per attempt
     */
    public record Settings(URI target, int rate, Duration duration, long maxRequests, int maxRetries, Duration timeout) {

        public Settings {
            if (rate < 1 || rate > 5_000) {
                throw new IllegalArgumentException("rate must be 1..5000 requests per second");
            }
            if (duration.isNegative() || duration.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("duration must be at most 1 h");
            }
            requireLoopback(target);
        }

        public static Settings of(String gatewayUrl, int rate, Duration duration) {
            return new Settings(URI.create(gatewayUrl), rate, duration, (long) rate * duration.toSeconds(), 3,
                    Duration.ofSeconds(10));
        }
    }

    private final Settings settings;
    private final HttpClient http;
    private final Results results = new Results();
    private final AtomicReference<String> lastOrderPath = new AtomicReference<>();

    public LoadGenerator(Settings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** Runs until the duration or the request count is reached, then waits for the answers still out. */
    public Results run() throws InterruptedException {
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / settings.rate();
        long start = System.nanoTime();
        long deadline = start + settings.duration().toNanos();
        try (var requests = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < settings.maxRequests(); i++) {
                long scheduled = start + i * intervalNanos;
                if (scheduled > deadline) {
                    break;
                }
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                Kind kind = nextKind();
                requests.submit(() -> execute(kind, scheduled));
            }
        }
        results.elapsedNanos.set(System.nanoTime() - start);
        return results;
    }

    private Kind nextKind() {
        int dice = ThreadLocalRandom.current().nextInt(100);
        if (dice < 50) {
            return Kind.PRODUCT_READ;
        }
        return dice < 80 || lastOrderPath.get() == null ? Kind.ORDER_CREATE : Kind.ORDER_READ;
    }

    private void execute(Kind kind, long scheduledNanos) {
        int status = switch (kind) {
            case PRODUCT_READ -> send(get("/api/inventory/products/" + sku()));
            case ORDER_READ -> send(get(lastOrderPath.get()));
            case ORDER_CREATE -> createOrder();
        };
        results.record(kind, status, System.nanoTime() - scheduledNanos);
    }

    /** An order create as a careful client makes it: one key, retried on 5xx and timeouts. */
    private int createOrder() {
        String key = UUID.randomUUID().toString();
        String body = "{\"lines\":[{\"sku\":\"" + sku() + "\",\"quantity\":1}]}";
        int status = -1;
        for (int attempt = 0; attempt <= settings.maxRetries(); attempt++) {
            if (attempt > 0) {
                results.retries.incrementAndGet();
            }
            HttpRequest request = HttpRequest.newBuilder(settings.target().resolve("/api/orders"))
                    .timeout(settings.timeout()).header("Content-Type", "application/json")
                    .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<Void> response = exchange(request);
            status = response == null ? -1 : response.statusCode();
            if (response != null && status < 500) {
                response.headers().firstValue("Location").ifPresent(location -> lastOrderPath.set(URI.create(location).getPath()));
                return status;
            }
        }
        return status;
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(settings.target().resolve(path)).timeout(settings.timeout()).GET().build();
    }

    private int send(HttpRequest request) {
        HttpResponse<Void> response = exchange(request);
        return response == null ? -1 : response.statusCode();
    }

    /** The response, or null when none came (connection refused, timeout). */
    private HttpResponse<Void> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException timeout) {
            results.timeouts.incrementAndGet();
            return null;
        } catch (IOException failed) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String sku() {
        String[] skus = {"KB-001", "MS-002", "MN-003", "HS-004", "CB-005", "DK-006"};
        return skus[ThreadLocalRandom.current().nextInt(skus.length)];
    }

    private static void requireLoopback(URI target) {
        try {
            if (target.getHost() == null || !InetAddress.getByName(target.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException("The load generator only targets this machine (loopback), not " + target);
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Unknown host in " + target, e);
        }
    }

    /** Every outcome, per kind: status counts and a latency histogram (1 µs to 1 min, 3 significant digits). */
    public static final class Results {

        private final Map<Kind, Map<Integer, AtomicLong>> statuses = new EnumMap<>(Kind.class);
        private final Map<Kind, Recorder> latencies = new EnumMap<>(Kind.class);
        private final AtomicLong retries = new AtomicLong();
        private final AtomicLong timeouts = new AtomicLong();
        private final AtomicLong elapsedNanos = new AtomicLong();

        Results() {
            for (Kind kind : Kind.values()) {
                statuses.put(kind, new java.util.concurrent.ConcurrentHashMap<>());
                latencies.put(kind, new Recorder(TimeUnit.MINUTES.toMicros(1), 3));
            }
        }

        void record(Kind kind, int status, long latencyNanos) {
            statuses.get(kind).computeIfAbsent(status, ignored -> new AtomicLong()).incrementAndGet();
            latencies.get(kind).recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(latencyNanos), TimeUnit.MINUTES.toMicros(1)));
        }

        /** Answers a client does not expect: anything but 2xx and 409 (insufficient stock), after its retries. */
        public long unexpected() {
            return statuses.values().stream().flatMap(byStatus -> byStatus.entrySet().stream())
                    .filter(entry -> !(entry.getKey() / 100 == 2 || entry.getKey() == 409))
                    .mapToLong(entry -> entry.getValue().get()).sum();
        }

        public long requests() {
            return statuses.values().stream().flatMap(byStatus -> byStatus.values().stream()).mapToLong(AtomicLong::get).sum();
        }

        public long retries() {
            return retries.get();
        }

        /** A table: per kind, the count, the statuses seen and latency percentiles in milliseconds. */
        public String summary() {
            StringBuilder table = new StringBuilder();
            table.append("%-13s %8s %8s %8s %8s %8s  %s%n".formatted("kind", "requests", "p50 ms", "p99 ms", "max ms", "failed", "statuses"));
            for (Kind kind : Kind.values()) {
                var histogram = latencies.get(kind).getIntervalHistogram();
                long count = statuses.get(kind).values().stream().mapToLong(AtomicLong::get).sum();
                long failed = statuses.get(kind).entrySet().stream()
                        .filter(entry -> !(entry.getKey() / 100 == 2 || entry.getKey() == 409))
                        .mapToLong(entry -> entry.getValue().get()).sum();
                table.append("%-13s %8d %8.1f %8.1f %8.1f %8d  %s%n".formatted(kind, count,
                        histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
                        histogram.getMaxValue() / 1000.0, failed, new java.util.TreeMap<>(statuses.get(kind))));
            }
            table.append("%d requests in %.1f s, %d client retries, %d timeouts, %d unexpected answers%n".formatted(
                    requests(), elapsedNanos.get() / 1e9, retries.get(), timeouts.get(), unexpected()));
            return table.toString();
        }
    }
}
