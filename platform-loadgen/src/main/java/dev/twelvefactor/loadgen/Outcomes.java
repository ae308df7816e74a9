package dev.twelvefactor.loadgen;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the requests of a run ended as (a count per status) and their latencies (1 µs to 1
 * min, 3 significant digits). Safe to record into from many threads; several runs
 * recorded into one add up.
 */
public final class Outcomes {

	/** The status recorded for a request that got no answer. */
	public static final int NO_ANSWER = -1;

	private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(1);

	private final Recorder recorder = new Recorder(MAX_MICROS, 3);

	private final Histogram latencies = new Histogram(MAX_MICROS, 3);

	private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

	public void record(int status, long latencyNanos) {
		statuses.computeIfAbsent(status, ignored -> new LongAdder()).increment();
		recorder.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(latencyNanos), MAX_MICROS));
	}

	/**
	 * How many requests ended with each status ({@link #NO_ANSWER}: none), in status
	 * order.
	 */
	public Map<Integer, Long> statuses() {
		Map<Integer, Long> counts = new TreeMap<>();
		statuses.forEach((status, count) -> counts.put(status, count.sum()));
		return counts;
	}

	/**
	 * Everything recorded so far, over a run of {@code seconds}; asking again includes
	 * what came since.
	 */
	public synchronized LatencySummary summary(double seconds) {
		// The recorder hands over what it recorded since the last call; the histogram
		// keeps it all.
		latencies.add(recorder.getIntervalHistogram());
		long ok = 0;
		long non2xx = 0;
		long errors = 0;
		for (var entry : statuses().entrySet()) {
			if (entry.getKey() == NO_ANSWER) {
				errors += entry.getValue();
			}
			else if (entry.getKey() / 100 == 2) {
				ok += entry.getValue();
			}
			else {
				non2xx += entry.getValue();
			}
		}
		return LatencySummary.of(latencies, ok, non2xx, errors, seconds);
	}

}
