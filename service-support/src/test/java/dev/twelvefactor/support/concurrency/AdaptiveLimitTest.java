package dev.twelvefactor.support.concurrency;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import dev.twelvefactor.support.concurrency.ConcurrencyLimitProperties.Algorithm;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The limit as the platform builds it (Vegas, guarded), driven with simulated latencies:
 * samples arrive as the limiter reports them, with the requests in flight at the limit
 * (the instance is busy, not idle).
 */
class AdaptiveLimitTest {

	static final long FAST = Duration.ofMillis(20).toNanos();

	static final long QUEUED = Duration.ofMillis(80).toNanos();

	final Limit limit = AdaptiveLimiter.limit(properties(Algorithm.VEGAS, 20, 10, 200));

	final List<Integer> changes = new ArrayList<>();

	long clock;

	@Test
	void startsAtTheInitialLimit() {
		assertThat(limit.getLimit()).isEqualTo(20);
	}

	@Test
	void growsWhileLatencyStaysLow() {
		samples(FAST, 10);

		assertThat(limit.getLimit()).isGreaterThanOrEqualTo(60);
	}

	@Test
	void shrinksOneStepPerQueuedRequestWhenLatencyRises() {
		samples(FAST, 10);
		int grown = limit.getLimit();

		samples(QUEUED, 5);

		assertThat(limit.getLimit()).isEqualTo(grown - 5);
	}

	@Test
	void neverGoesBelowTheMinimumAndComesBackWhenLatencyFalls() {
		limit.notifyOnChange(changes::add);
		samples(FAST, 1);
		samples(QUEUED, 100);

		assertThat(limit.getLimit()).isEqualTo(10);
		assertThat(changes).allSatisfy((reported) -> assertThat(reported).isGreaterThanOrEqualTo(10));

		samples(FAST, 10);

		assertThat(limit.getLimit()).isGreaterThan(20);
	}

	@Test
	void aFloorThatMovesIsPassedOnToTheLimiterAfterTheNextRequest() {
		AtomicInteger instances = new AtomicInteger(1);
		SimpleLimiter<Void> limiter = AdaptiveLimiter.create(properties(Algorithm.VEGAS, 20, 20, 200),
				() -> 20 * instances.get());
		assertThat(limiter.getLimit()).isEqualTo(20);

		instances.set(2);
		limiter.acquire(null).orElseThrow().onSuccess();

		assertThat(limiter.getLimit()).as("two instances behind the route").isEqualTo(40);
		instances.set(1);
		limiter.acquire(null).orElseThrow().onSuccess();
		assertThat(limiter.getLimit()).as("back to one").isEqualTo(20);
	}

	@Test
	void neverGoesAboveTheMaximum() {
		samples(FAST, 200);

		assertThat(limit.getLimit()).isEqualTo(200);
	}

	@Test
	void aDropBacksOffEvenWhenItCameBackAtOnce() {
		samples(FAST, 10);
		int grown = limit.getLimit();

		// A downstream 503 in a tenth of a millisecond.
		sample(Duration.ofNanos(100_000).toNanos(), true);

		assertThat(limit.getLimit()).isEqualTo(grown - 1);
		// ... and was not taken as the latency baseline: normal requests do not look
		// queued after it.
		samples(FAST, 5);
		assertThat(limit.getLimit()).isGreaterThan(grown - 1);
	}

	@Test
	void anIdleInstanceKeepsItsLimit() {
		samples(FAST, 1);
		for (int i = 0; i < 50; i++) {
			limit.onSample(clock, QUEUED, 2, false);
			clock += QUEUED;
		}

		assertThat(limit.getLimit()).as("2 in flight say nothing about a limit of 20").isEqualTo(20);
	}

	/** Vegas alone throws on it; a coarse clock measures it. */
	@Test
	void aZeroLatencyIsNoError() {
		sample(0, false);

		assertThat(limit.getLimit()).isEqualTo(20);
	}

	@Test
	void gradient2ShrinksWhenLatencyRisesAndKeepsItsFloor() {
		Limit gradient = AdaptiveLimiter.limit(properties(Algorithm.GRADIENT2, 20, 10, 200));
		for (int i = 0; i < 20; i++) {
			gradient.onSample(i, FAST, gradient.getLimit(), false);
		}
		int grown = gradient.getLimit();
		assertThat(grown).isGreaterThan(20);

		for (int i = 0; i < 100; i++) {
			gradient.onSample(i, 10 * QUEUED, gradient.getLimit(), false);
		}

		assertThat(gradient.getLimit()).isLessThan(grown).isGreaterThanOrEqualTo(10);
	}

	@Test
	void inconsistentBoundsAreRefusedAtStartup() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties(Algorithm.VEGAS, 20, 30, 200))
			.withMessageContaining("min-limit (30) <= initial-limit (20)");
		assertThatIllegalArgumentException().isThrownBy(() -> properties(Algorithm.VEGAS, 20, 0, 200));
		assertThatIllegalArgumentException().isThrownBy(() -> properties(Algorithm.VEGAS, 300, 10, 200));
	}

	static ConcurrencyLimitProperties properties(Algorithm algorithm, int initial, int min, int max) {
		return new ConcurrencyLimitProperties(true, algorithm, initial, min, max);
	}

	private void samples(long rtt, int count) {
		for (int i = 0; i < count; i++) {
			sample(rtt, false);
		}
	}

	private void sample(long rtt, boolean dropped) {
		limit.onSample(clock, rtt, limit.getLimit(), dropped);
		clock += Math.max(rtt, 1);
	}

}
