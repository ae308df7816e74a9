package dev.twelvefactor.support.concurrency;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.VegasLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;

import java.util.function.IntSupplier;

/**
 * Builds the platform's adaptive concurrency limiter from
 * {@link ConcurrencyLimitProperties}: Netflix's {@link SimpleLimiter} (a semaphore whose
 * size the algorithm moves; {@code acquire} never waits, so an excess request is refused
 * at once) over the chosen algorithm, wrapped in {@link GuardedLimit}.
 * <p>
 * <b>Why Vegas by default.</b> On a 2-core machine order creation peaks at about 16
 * concurrent requests; beyond that, latency rises in proportion to the requests let in
 * and throughput falls (pool waits, client timeouts, work for clients that gave up). The
 * limit has to settle just past that knee and stay there for as long as the overload
 * lasts. A simulation of that machine (closed loop of 64 and 128 clients that wait out
 * Retry-After, with the library's own classes) showed:
 * <ul>
 * <li>Vegas holds the limit around 14 (with a floor of 10 then; about 30 at most) and
 * keeps 97-98% of the peak throughput, p99 about 300 ms. It reacts to every sample: a
 * request that waited in a queue lowers the limit by one at once, a dropped one (503,
 * timeout) too. On the real platform the floor is 20: see
 * {@link ConcurrencyLimitProperties#minLimit()}.</li>
 * <li>Gradient2 measures latency against its own long-term average, which follows the
 * latency up while the overload lasts: the limit drifted to 140 within 30 s and
 * throughput fell to 40-50% (the drift is known upstream, Netflix/concurrency-limits
 * #134). It also ignores drops (#176), so a service that answers 503 at once would look
 * fast to it.</li>
 * </ul>
 * Vegas's weakness is its baseline, the lowest latency seen: cheap requests (a 404, a
 * validation error, a lookup by id) set it below what the expensive ones ever reach,
 * after which these look queued. {@link GuardedLimit} keeps the limit at
 * {@code min-limit} or above, and the filters do not feed 4xx answers to it at all
 * ({@link Outcome}); with 30% cheap reads in the mix the simulation kept the throughput
 * of the best fixed limit. The library re-measures the baseline now and then (every 15 to
 * 30 times the limit in samples), so it follows a slower database or a new release.
 */
public final class AdaptiveLimiter {

	private AdaptiveLimiter() {
	}

	/**
	 * A new limiter (its own state: one per instance, or per route).
	 * @param properties the settings
	 * @return the limiter; its {@code getLimit()} and {@code getInflight()} are the
	 * gauges' values
	 */
	public static SimpleLimiter<Void> create(ConcurrencyLimitProperties properties) {
		return create(properties, properties::minLimit);
	}

	/**
	 * A new limiter whose floor moves: the gateway's limit for a route holds at least
	 * {@code min-limit} for every instance behind the route.
	 * @param properties the settings; their {@code min-limit} is replaced by
	 * {@code floor}
	 * @param floor the lowest limit, read again after every request
	 * @return the limiter
	 */
	public static SimpleLimiter<Void> create(ConcurrencyLimitProperties properties, IntSupplier floor) {
		return SimpleLimiter.newBuilder().limit(limit(properties, floor)).build();
	}

	static Limit limit(ConcurrencyLimitProperties properties) {
		return limit(properties, properties::minLimit);
	}

	static Limit limit(ConcurrencyLimitProperties properties, IntSupplier floor) {
		Limit algorithm = switch (properties.algorithm()) {
			case VEGAS -> VegasLimit.newBuilder()
				.initialLimit(properties.initialLimit())
				.maxConcurrency(properties.maxLimit())
				.build();
			case GRADIENT2 -> Gradient2Limit.newBuilder()
				.initialLimit(properties.initialLimit())
				.minLimit(floor.getAsInt())
				.maxConcurrency(properties.maxLimit())
				.build();
		};
		return new GuardedLimit(algorithm, floor);
	}

}
