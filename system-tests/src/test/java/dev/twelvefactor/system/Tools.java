package dev.twelvefactor.system;

import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need Prometheus's tools or a browser: CI (.ci/run, GitHub Actions) installs
 * them and the tests must run there; on a developer's machine without them the tests are
 * skipped with a message saying what to install, so that {@code ./mvnw verify} works with
 * nothing but a JDK.
 */
final class Tools {

	private Tools() {
	}

	static void requireInCi(String what) {
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new AssertionError(what + " must be installed in CI (.ci/run installs them)");
		}
		Assumptions.abort(what + " not installed: skipped. Install them to run this test.");
	}

}
