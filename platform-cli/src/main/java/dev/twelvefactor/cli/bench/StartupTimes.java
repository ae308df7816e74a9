package dev.twelvefactor.cli.bench;

/**
 * When a starting instance passed each step, in seconds from its process start. It is
 * ready for traffic at the last one: a request through the gateway gets a 2xx from it.
 */
record StartupTimes(double readinessUp, double upInEureka, double seenByGateway, double firstGateway2xx) {

	double ready() {
		return firstGateway2xx;
	}
}
