package dev.twelvefactor.support.concurrency;

import com.netflix.concurrency.limits.Limit;

import java.util.function.Consumer;

/**
 * One of the library's algorithms with three guards it lacks:
 * <ul>
 * <li>a floor: the limit it reports is never below {@code minLimit}. Vegas has no minimum
 * of its own (it goes down to 1); the algorithm keeps its own estimate underneath and
 * climbs back from it.</li>
 * <li>a dropped request is reported with at least the latency of the last successful one.
 * A downstream 503 comes back in a millisecond; taken as it is, Vegas would make it its
 * latency baseline (and then shrink on every normal request) instead of backing off one
 * step for the drop, as it does for a drop no faster than normal.</li>
 * <li>a latency of at least one nanosecond: Vegas throws on zero, which a coarse clock
 * can measure.</li>
 * </ul>
 */
final class GuardedLimit implements Limit {

	private final Limit algorithm;

	private final int minLimit;

	private volatile long lastSuccessRtt = 1;

	GuardedLimit(Limit algorithm, int minLimit) {
		this.algorithm = algorithm;
		this.minLimit = minLimit;
	}

	@Override
	public int getLimit() {
		return Math.max(minLimit, algorithm.getLimit());
	}

	@Override
	public void notifyOnChange(Consumer<Integer> consumer) {
		algorithm.notifyOnChange((limit) -> consumer.accept(Math.max(minLimit, limit)));
	}

	@Override
	public void onSample(long startTime, long rtt, int inflight, boolean didDrop) {
		long sample = Math.max(1, rtt);
		if (didDrop) {
			sample = Math.max(sample, lastSuccessRtt);
		}
		else {
			lastSuccessRtt = sample;
		}
		algorithm.onSample(startTime, sample, inflight, didDrop);
	}

	@Override
	public String toString() {
		return "GuardedLimit [" + algorithm + ", min=" + minLimit + "]";
	}

}
