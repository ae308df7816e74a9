package dev.twelvefactor.support.concurrency;

import com.netflix.concurrency.limits.Limit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * One of the library's algorithms with three guards it lacks:
 * <ul>
 * <li>a floor: the limit it reports is never below {@code minLimit}. Vegas has no minimum
 * of its own (it goes down to 1); the algorithm keeps its own estimate underneath and
 * climbs back from it. The floor may move (the gateway's route limit: so many instances
 * behind the route, so many times an instance's floor): it is read again after every
 * sample, and a change is passed on to the limiter at once, which otherwise learns of a
 * new limit only when the algorithm's estimate changes.</li>
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

	private final IntSupplier minLimit;

	private final List<Consumer<Integer>> listeners = new CopyOnWriteArrayList<>();

	private volatile int floor;

	private volatile long lastSuccessRtt = 1;

	GuardedLimit(Limit algorithm, IntSupplier minLimit) {
		this.algorithm = algorithm;
		this.minLimit = minLimit;
		this.floor = minLimit.getAsInt();
	}

	@Override
	public int getLimit() {
		return Math.max(floor, algorithm.getLimit());
	}

	@Override
	public void notifyOnChange(Consumer<Integer> consumer) {
		listeners.add(consumer);
		algorithm.notifyOnChange((limit) -> consumer.accept(Math.max(floor, limit)));
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
		int current = minLimit.getAsInt();
		if (current != floor) {
			floor = current;
			int limit = getLimit();
			listeners.forEach((listener) -> listener.accept(limit));
		}
	}

	@Override
	public String toString() {
		return "GuardedLimit [" + algorithm + ", min=" + floor + "]";
	}

}
