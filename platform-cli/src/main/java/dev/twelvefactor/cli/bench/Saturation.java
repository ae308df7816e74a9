package dev.twelvefactor.cli.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The most a target serves once warmed up, and the CPU time the processes behind it spent
 * per request meanwhile.
 *
 * @param warmUpSeconds how long the warm-up took to level off
 * @param cpuMillisPerRequest per group of processes given, in the same order
 */
record Saturation(Throughput throughput, int warmUpSeconds, List<Double> cpuMillisPerRequest) {

	static final Duration WARM_UP_ROUND = Duration.ofSeconds(10);
	static final int MAX_WARM_UP_ROUNDS = 6;

	/** Warmed up: a round within this fraction of the one before. */
	static final double STABLE = 0.05;

	/**
	 * Warms the target up until its throughput levels off (a JVM keeps compiling for tens
	 * of seconds under load, and how long depends on the launch mode: a fixed warm-up
	 * would compare one half-compiled JVM with another), then measures. The
	 * {@code Authorization} header is asked for before each round, so that a token is
	 * renewed between rounds, never during one.
	 */
	static Saturation measure(ThroughputMeter meter, URI target, Supplier<Optional<String>> authorization,
			int connections, Duration measured, List<List<Long>> processGroups) {
		int warmUpSeconds = warmUp(meter, target, authorization, connections);
		List<Double> before = processGroups.stream().map(CpuTime::seconds).toList();
		Throughput throughput = meter.measure(target, authorization.get(), measured, connections);
		List<Double> perRequest = new ArrayList<>();
		for (int i = 0; i < processGroups.size(); i++) {
			double spent = CpuTime.seconds(processGroups.get(i)) - before.get(i);
			perRequest.add(throughput.requests() == 0 ? Double.NaN : spent * 1000 / throughput.requests());
		}
		return new Saturation(throughput, warmUpSeconds, perRequest);
	}

	/** Returns how long it took, in seconds. */
	static int warmUp(ThroughputMeter meter, URI target, Supplier<Optional<String>> authorization, int connections) {
		double last = Double.NaN;
		for (int round = 1; round <= MAX_WARM_UP_ROUNDS; round++) {
			double now = meter.measure(target, authorization.get(), WARM_UP_ROUND, connections).okPerSecond();
			if (round > 1 && Math.abs(now - last) <= STABLE * last) {
				return (int) (round * WARM_UP_ROUND.toSeconds());
			}
			last = now;
		}
		return (int) (MAX_WARM_UP_ROUNDS * WARM_UP_ROUND.toSeconds());
	}
}
