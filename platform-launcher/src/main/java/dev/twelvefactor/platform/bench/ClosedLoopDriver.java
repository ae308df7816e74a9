package dev.twelvefactor.platform.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A fixed number of clients, each sending its next request as soon as the previous one answered: finds the most a
 * system serves at that concurrency. Latency is from send to answer (a closed loop waits, so it is the latency
 * at saturation, not what a client arriving at random would see).
 */
final class ClosedLoopDriver {

    private final int clients;
    private final Supplier<HttpRequest> request;
    private final HttpClient http = BenchHttp.client();

    /** {@code request} is called once per request: an order create needs a fresh Idempotency-Key each time. */
    ClosedLoopDriver(int clients, Supplier<HttpRequest> request) {
        if (clients < 1 || clients > 1_000) {
            throw new IllegalArgumentException("clients must be 1..1000");
        }
        this.clients = clients;
        this.request = request;
    }

    LatencySummary run(Duration duration) {
        Outcomes outcomes = new Outcomes();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                executor.submit(() -> {
                    while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
                        long sent = System.nanoTime();
                        outcomes.record(send(), System.nanoTime() - sent);
                    }
                });
            }
        }
        return outcomes.summary((System.nanoTime() - start) / 1e9);
    }

    private int send() {
        try {
            return http.send(request.get(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return Outcomes.NO_ANSWER;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcomes.NO_ANSWER;
        }
    }
}
