package dev.twelvefactor.loadgen;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A fixed number of clients, each sending its next request as soon as the previous one
 * answered: finds the most a system serves at that concurrency. Latency is from send to
 * answer (a closed loop waits, so it is the latency at saturation, not what a client
 * arriving at random would see).
 */
public final class ClosedLoopDriver {

	private final int clients;

	private final Supplier<HttpRequest> request;

	private final HttpClient http = LoadHttp.client();

	/**
	 * {@code request} is called once per request: an order create needs a fresh
	 * Idempotency-Key each time. Each goes to a loopback address only.
	 */
	public ClosedLoopDriver(int clients, Supplier<HttpRequest> request) {
		if (clients < 1 || clients > 1_000) {
			throw new IllegalArgumentException("clients must be 1..1000");
		}
		this.clients = clients;
		this.request = request;
	}

	public LatencySummary run(Duration duration) {
		Outcomes outcomes = new Outcomes();
		long start = System.nanoTime();
		long deadline = start + duration.toNanos();
		try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < clients; i++) {
				executor.submit(() -> {
					while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
						HttpRequest next = request.get();
						Loopback.require(next.uri());
						long sent = System.nanoTime();
						outcomes.record(LoadHttp.status(http, next), System.nanoTime() - sent);
					}
				});
			}
		}
		return outcomes.summary((System.nanoTime() - start) / 1e9);
	}

}
