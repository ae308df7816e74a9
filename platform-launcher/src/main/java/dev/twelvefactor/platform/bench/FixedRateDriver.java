package dev.twelvefactor.platform.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * GETs one URL at a fixed rate, whether or not earlier requests have answered, and measures each latency from the
 * time the request was scheduled to start: a stall then shows as the latency every waiting client saw, instead of
 * being hidden by a driver that sends less while it waits (coordinated omission).
 */
final class FixedRateDriver {

    private final URI target;
    private final int rate;
    private final HttpClient http = BenchHttp.client();

    FixedRateDriver(URI target, int rate) {
        if (rate < 1 || rate > 5_000) {
            throw new IllegalArgumentException("rate must be 1..5000 requests per second");
        }
        this.target = Loopback.require(target);
        this.rate = rate;
    }

    LatencySummary run(Duration duration) throws InterruptedException {
        Outcomes outcomes = new Outcomes();
        run(duration, outcomes);
        return outcomes.summary(duration.toNanos() / 1e9);
    }

    /** Records into {@code outcomes}, so that several runs (rounds interleaved with other targets') add up. */
    void run(Duration duration, Outcomes outcomes) throws InterruptedException {
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long count = duration.toNanos() / intervalNanos;
        long start = System.nanoTime();
        try (var requests = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < count; i++) {
                long scheduled = start + i * intervalNanos;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                requests.submit(() -> outcomes.record(send(), System.nanoTime() - scheduled));
            }
        }
    }

    private int send() {
        try {
            return http.send(BenchHttp.get(target), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return Outcomes.NO_ANSWER;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcomes.NO_ANSWER;
        }
    }
}
