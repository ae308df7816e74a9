package dev.twelvefactor.loadgen;

import java.net.URI;
import java.time.Duration;

/**
 * How {@link LoadGenerator} drives the platform.
 *
 * @param target the gateway's URL; must resolve to a loopback address
 * @param rate requests started per second
 * @param duration how long to run at most
 * @param maxRequests how many requests to start at most
 * @param maxRetries retries of a request after a 5xx or no answer (an order create: same
 * Idempotency-Key)
 * @param timeout per attempt
 */
public record LoadSettings(URI target, int rate, Duration duration, long maxRequests, int maxRetries,
		Duration timeout) {

	public LoadSettings {
		if (rate < 1 || rate > 5_000) {
			throw new IllegalArgumentException("rate must be 1..5000 requests per second");
		}
		if (duration.isNegative() || duration.compareTo(Duration.ofHours(1)) > 0) {
			throw new IllegalArgumentException("duration must be at most 1 h");
		}
		Loopback.require(target);
	}

	/**
	 * A client's defaults: 3 retries, 10 s per attempt, as many requests as the rate fits
	 * in the duration.
	 */
	public static LoadSettings of(String gatewayUrl, int rate, Duration duration) {
		return new LoadSettings(URI.create(gatewayUrl), rate, duration, (long) rate * duration.toSeconds(), 3,
				LoadHttp.TIMEOUT);
	}
}
