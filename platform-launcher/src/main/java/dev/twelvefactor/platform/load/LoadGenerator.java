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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives the public API through the gateway at a fixed request rate, as clients would: product reads, order
 * creates (with an Idempotency-Key, retried on 5xx and timeouts with the same key, at most {@code maxRetries} times,
 * after the Retry-After the answer asked for or a short backoff) and reads of the orders it placed (retried alike:
 * a GET is safe to repeat). It remembers which order each key got, so that a test can check none was lost and no
 * key made two. Requests start on schedule whether or not earlier ones have answered, and
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
     * @param maxRetries  retries of a request after a 5xx or no answer (an order create: same Idempotency-Key)
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
    private volatile boolean stopped;

    public LoadGenerator(Settings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** Starts no more requests after this; {@link #run()} returns once the answers still out are in. */
    public void stop() {
        stopped = true;
    }

    /** Runs until the duration or the request count is reached (or {@link #stop()}), then waits for the answers still out. */
    public Results run() throws InterruptedException {
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / settings.rate();
        long start = System.nanoTime();
        long deadline = start + settings.duration().toNanos();
        try (var requests = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < settings.maxRequests(); i++) {
                long scheduled = start + i * intervalNanos;
                if (scheduled > deadline || stopped) {
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
            case PRODUCT_READ -> withRetries(() -> get("/api/inventory/products/" + sku()), answer -> { });
            case ORDER_READ -> {
                String path = lastOrderPath.get();
                yield withRetries(() -> get(path), answer -> { });
            }
            case ORDER_CREATE -> createOrder();
        };
        results.record(kind, status, System.nanoTime() - scheduledNanos);
    }

    /** An order create as a careful client makes it: one Idempotency-Key for the order and all its retries. */
    private int createOrder() {
        String key = UUID.randomUUID().toString();
        String body = "{\"lines\":[{\"sku\":\"" + sku() + "\",\"quantity\":1}]}";
        return withRetries(() -> HttpRequest.newBuilder(settings.target().resolve("/api/orders"))
                        .timeout(settings.timeout()).header("Content-Type", "application/json")
                        .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                answer -> answer.headers().firstValue("Location").ifPresent(location -> {
                    String path = URI.create(location).getPath();
                    lastOrderPath.set(path);
                    results.ordersByKey.computeIfAbsent(key, ignored -> ConcurrentHashMap.newKeySet())
                            .add(path.substring(path.lastIndexOf('/') + 1));
                }));
    }

    /**
     * Sends a request that is safe to repeat (a GET, or a POST with its Idempotency-Key) and repeats it after a 5xx
     * or no answer, at most {@code maxRetries} times, after the Retry-After the answer asked for (at most
     * {@link #MAX_RETRY_AFTER}) or a short exponential backoff. Returns the final status (-1: no answer).
     */
    private int withRetries(java.util.function.Supplier<HttpRequest> request, java.util.function.Consumer<HttpResponse<Void>> onAnswer) {
        int status = -1;
        Duration pause = Duration.ZERO;
        for (int attempt = 0; attempt <= settings.maxRetries(); attempt++) {
            if (attempt > 0) {
                results.retries.incrementAndGet();
                pauseFor(pause);
            }
            HttpResponse<Void> response = exchange(request.get());
            status = response == null ? -1 : response.statusCode();
            if (response != null && status < 500) {
                onAnswer.accept(response);
                return status;
            }
            pause = retryAfter(response).orElse(Duration.ofMillis(100L << attempt));
        }
        return status;
    }

    /** The longest Retry-After the client honours; a longer one is cut to this. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(5);

    private static java.util.Optional<Duration> retryAfter(HttpResponse<Void> response) {
        if (response == null) {
            return java.util.Optional.empty();
        }
        return response.headers().firstValue("Retry-After").filter(value -> value.matches("\\d{1,6}"))
                .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds)))
                .map(wait -> wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait);
    }

    private static void pauseFor(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(settings.target().resolve(path)).timeout(settings.timeout()).GET().build();
    }

    /**
     * The response, or null when none came (connection refused, timeout). Every answer a client does not expect is
     * counted here, also those a retry makes good; a 503 must say when to come back (Retry-After).
     */
    private HttpResponse<Void> exchange(HttpRequest request) {
        HttpResponse<Void> response = null;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException timeout) {
            results.timeouts.incrementAndGet();
        } catch (IOException failed) {
            // No answer: counted below like any other unexpected one.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (response == null || !Results.isExpected(response.statusCode())) {
            results.unexpectedAnswers.incrementAndGet();
        }
        if (response != null && response.statusCode() == 503 && response.headers().firstValue("Retry-After").isEmpty()) {
            results.unavailableWithoutRetryAfter.incrementAndGet();
        }
        return response;
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
        private final AtomicLong unexpectedAnswers = new AtomicLong();
        private final AtomicLong unavailableWithoutRetryAfter = new AtomicLong();
        private final Map<String, Set<String>> ordersByKey = new ConcurrentHashMap<>();
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

        /** What a client expects: 2xx, or 409 (insufficient stock). */
        static boolean isExpected(int status) {
            return status / 100 == 2 || status == 409;
        }

        /** Client-visible failures: requests whose final answer (after the client's retries) was not expected. */
        public long unexpected() {
            return statuses.values().stream().flatMap(byStatus -> byStatus.entrySet().stream())
                    .filter(entry -> !isExpected(entry.getKey()))
                    .mapToLong(entry -> entry.getValue().get()).sum();
        }

        /** Every answer not expected, also those a retry made good; -1 stands for no answer at all. */
        public long unexpectedAnswers() {
            return unexpectedAnswers.get();
        }

        /** 503 answers without Retry-After: a client cannot know when to come back. */
        public long unavailableWithoutRetryAfter() {
            return unavailableWithoutRetryAfter.get();
        }

        /** The final status of each request of a kind, and how many ended so. */
        public Map<Integer, Long> statuses(Kind kind) {
            Map<Integer, Long> counts = new java.util.TreeMap<>();
            statuses.get(kind).forEach((status, count) -> counts.put(status, count.get()));
            return counts;
        }

        /** The order id(s) each Idempotency-Key was answered with; more than one would be a duplicate order. */
        public Map<String, Set<String>> ordersByKey() {
            return Map.copyOf(ordersByKey);
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
                        .filter(entry -> !isExpected(entry.getKey()))
                        .mapToLong(entry -> entry.getValue().get()).sum();
                table.append("%-13s %8d %8.1f %8.1f %8.1f %8d  %s%n".formatted(kind, count,
                        histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
                        histogram.getMaxValue() / 1000.0, failed, new java.util.TreeMap<>(statuses.get(kind))));
            }
            table.append("%d requests in %.1f s, %d unexpected answers, %d client retries, %d timeouts, %d client-visible failures%n"
                    .formatted(requests(), elapsedNanos.get() / 1e9, unexpectedAnswers.get(), retries.get(), timeouts.get(), unexpected()));
            return table.toString();
        }
    }
}
