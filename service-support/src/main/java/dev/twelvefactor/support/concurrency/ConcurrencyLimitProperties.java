package dev.twelvefactor.support.concurrency;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The adaptive concurrency limit, {@code platform.concurrency-limit.*}: how many requests
 * a servlet service works on at once (one limit per instance, main port only), and in the
 * gateway how many it forwards to one route at once (one limit per route). The limit
 * moves by itself between {@code min-limit} and {@code max-limit} with the latency it
 * measures, so the defaults fit a laptop and a large host alike; a deployment sets a key
 * only to switch the limit off or to compare algorithms. Read at startup.
 *
 * @param enabled {@code false}: no limit at all, every request is let in (as before the
 * limit existed)
 * @param algorithm how the limit follows latency; {@link Algorithm#VEGAS} unless there is
 * a reason (see {@link AdaptiveLimiter} for why)
 * @param initialLimit the limit before the first measurement, and after a restart: about
 * the concurrency where a small instance's throughput stops growing (16 order creations
 * on two cores), so that a burst right after startup is held near it rather than let in
 * whole
 * @param minLimit the limit never goes lower: this many requests are always let in, so a
 * few slow requests (or a latency baseline measured on cheaper ones: a cheap read sets
 * Vegas' no-queue latency for the order creations too) cannot shrink an instance to a
 * trickle. At the concurrency where a small instance's throughput stops growing, or a
 * little above it: there throughput is flat and latency still moderate, and on a 2-core
 * machine a limit of 10 refused requests at 25 requests/s whenever a GC pause or a
 * neighbour held the CPU for a moment
 * @param maxLimit the limit never goes higher. Virtual threads put no ceiling of their
 * own on a servlet service's concurrency, and nor does the gateway: this is the only one
 */
@ConfigurationProperties("platform.concurrency-limit")
public record ConcurrencyLimitProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("vegas") Algorithm algorithm, @DefaultValue("20") int initialLimit,
		@DefaultValue("20") int minLimit, @DefaultValue("200") int maxLimit) {

	public ConcurrencyLimitProperties {
		if (minLimit < 1 || minLimit > initialLimit || initialLimit > maxLimit) {
			throw new IllegalArgumentException("platform.concurrency-limit needs 1 <= min-limit (" + minLimit
					+ ") <= initial-limit (" + initialLimit + ") <= max-limit (" + maxLimit + ")");
		}
	}

	/** The limit algorithms of Netflix's concurrency-limits that fit a server. */
	public enum Algorithm {

		/**
		 * TCP Vegas: compares each request's latency with the lowest seen recently and
		 * keeps only a few requests queued beyond what the instance completes without
		 * waiting; a dropped request (timeout, 503) lowers the limit.
		 */
		VEGAS,

		/**
		 * Gradient2: compares the latency with its long-term average and shrinks when it
		 * is more than 1.5 times that. Ignores drops, and drifts upwards under sustained
		 * overload (the average follows the latency up).
		 */
		GRADIENT2

	}

}
