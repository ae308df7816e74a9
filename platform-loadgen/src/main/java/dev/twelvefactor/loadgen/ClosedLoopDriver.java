package dev.twelvefactor.loadgen;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * A fixed number of clients, each sending its next request as soon as the previous one
 * answered: finds the most a system serves at that concurrency. A client that is refused
 * with a Retry-After (429, 503) waits that long first, as a well-behaved client does: a
 * refusal says "not now", and resending at once would only spend the server's CPU on more
 * refusals. Latency is from send to answer (a closed loop waits, so it is the latency at
 * saturation, not what a client arriving at random would see).
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
		return outcomes.summary(run(duration, status -> outcomes));
	}

	/**
	 * As {@link #run(Duration)}, recording each request into the outcomes its status
	 * picks ({@link Outcomes#NO_ANSWER} for none): past saturation, fast refusals and
	 * slow successes mixed in one histogram would hide both. Returns how long the run
	 * lasted in seconds, until the last client's last answer.
	 */
	public double run(Duration duration, IntFunction<Outcomes> outcomesByStatus) {
		long start = System.nanoTime();
		long deadline = start + duration.toNanos();
		try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < clients; i++) {
				executor.submit(() -> {
					while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
						HttpRequest next = request.get();
						Loopback.require(next.uri());
						long sent = System.nanoTime();
						LoadHttp.Answer answer = LoadHttp.answer(http, next);
						outcomesByStatus.apply(answer.status()).record(answer.status(), System.nanoTime() - sent);
						if (answer.retryAfter().isPresent()) {
							long left = Math.max(0, deadline - System.nanoTime());
							Thread.sleep(Duration.ofNanos(Math.min(left, answer.retryAfter().get().toNanos())));
						}
					}
					return null;
				});
			}
		}
		return (System.nanoTime() - start) / 1e9;
	}

}
