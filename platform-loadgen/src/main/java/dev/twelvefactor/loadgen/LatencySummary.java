package dev.twelvefactor.loadgen;

import org.HdrHistogram.Histogram;

/**
 * Latency percentiles of a run, in milliseconds, with what the requests ended as.
 *
 * @param ok 2xx answers
 * @param non2xx other answers
 * @param errors no answer (connection error, timeout)
 */
public record LatencySummary(long ok, long non2xx, long errors, double seconds, double p50, double p90, double p99,
		double max) {

	/** Latencies recorded in microseconds. */
	static LatencySummary of(Histogram micros, long ok, long non2xx, long errors, double seconds) {
		return new LatencySummary(ok, non2xx, errors, seconds, millis(micros.getValueAtPercentile(50)),
				millis(micros.getValueAtPercentile(90)), millis(micros.getValueAtPercentile(99)),
				millis(micros.getMaxValue()));
	}

	public long requests() {
		return ok + non2xx + errors;
	}

	public double okPerSecond() {
		return seconds <= 0 ? Double.NaN : ok / seconds;
	}

	private static double millis(long micros) {
		return micros / 1000.0;
	}
}
