package dev.twelvefactor.cli.bench;

/**
 * What a saturating run achieved. Only 2xx answers count as throughput: a server that
 * answers errors fast must not look fast.
 *
 * @param requests answers received, any status
 * @param non2xx answers that were not 2xx
 * @param errors requests that got no answer (connection errors, timeouts)
 * @param seconds how long the run lasted
 */
record Throughput(long requests, long non2xx, long errors, double seconds) {

	double okPerSecond() {
		return seconds <= 0 ? Double.NaN : (requests - non2xx) / seconds;
	}
}
