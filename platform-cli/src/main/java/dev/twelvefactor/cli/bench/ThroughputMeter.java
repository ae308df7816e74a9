package dev.twelvefactor.cli.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Measures the most 2xx answers per second a GET endpoint gives: wrk when installed, else
 * a Java closed loop.
 */
interface ThroughputMeter {

	/**
	 * {@code connections}: concurrent keep-alive connections, each sending its next
	 * request once answered, with this {@code Authorization} header if any (a token that
	 * outlives the run).
	 */
	Throughput measure(URI target, Optional<String> authorization, Duration duration, int connections);

	/**
	 * The tool and its settings, for the report: numbers from different tools do not
	 * compare.
	 */
	String description();

	/**
	 * wrk when it is on the PATH: written in C, it costs the 2 cores far less than a JVM
	 * client would.
	 */
	static ThroughputMeter best() {
		return Wrk.onPath().<ThroughputMeter>map(wrk -> wrk).orElseGet(ClosedLoopMeter::new);
	}

}
