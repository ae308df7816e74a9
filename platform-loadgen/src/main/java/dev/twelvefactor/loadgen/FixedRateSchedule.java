package dev.twelvefactor.loadgen;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * An open loop: starts requests at a fixed rate, whether or not earlier ones have
 * answered, each on a virtual thread, and hands each its scheduled start. Measured from
 * there, a stall shows as the latency every waiting client saw, instead of being hidden
 * by a driver that sends less while it waits (coordinated omission).
 */
public final class FixedRateSchedule {

	private final long intervalNanos;

	public FixedRateSchedule(int rate) {
		if (rate < 1 || rate > 5_000) {
			throw new IllegalArgumentException("rate must be 1..5000 requests per second");
		}
		this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
	}

	/**
	 * Starts {@code request} (given its scheduled {@link System#nanoTime()}) until
	 * {@code duration} has passed, {@code maxRequests} have started or {@code stop} says
	 * so; returns once every request has ended, with the nanoseconds the whole run took.
	 */
	public long run(Duration duration, long maxRequests, BooleanSupplier stop, LongConsumer request)
			throws InterruptedException {
		long start = System.nanoTime();
		long deadline = start + duration.toNanos();
		try (var requests = Executors.newVirtualThreadPerTaskExecutor()) {
			for (long i = 0; i < maxRequests; i++) {
				long scheduled = start + i * intervalNanos;
				if (scheduled >= deadline || stop.getAsBoolean()) {
					break;
				}
				long wait = scheduled - System.nanoTime();
				if (wait > 0) {
					TimeUnit.NANOSECONDS.sleep(wait);
				}
				requests.submit(() -> request.accept(scheduled));
			}
		}
		return System.nanoTime() - start;
	}

	/**
	 * GETs {@code target} for {@code duration}, recording into {@code outcomes} (runs
	 * recorded into one add up).
	 */
	public void get(URI target, Duration duration, Outcomes outcomes) throws InterruptedException {
		send(LoadHttp.get(target), duration, outcomes);
	}

	/**
	 * Sends {@code request} (a GET with its own headers, e.g. a bearer token) for
	 * {@code duration}, recording into {@code outcomes}.
	 */
	public void send(HttpRequest request, Duration duration, Outcomes outcomes) throws InterruptedException {
		HttpClient http = LoadHttp.client();
		Loopback.require(request.uri());
		run(duration, Long.MAX_VALUE, () -> false,
				scheduled -> outcomes.record(LoadHttp.status(http, request), System.nanoTime() - scheduled));
	}

}
