package dev.twelvefactor.cli.bench;

import dev.twelvefactor.launcher.orchestration.LocalPlatform;

/** One section of the report, measured on a platform started for it alone. */
interface Benchmark {

	String title();

	/**
	 * Measures and returns the section's Markdown (tables and a line on how it was
	 * measured).
	 */
	String run(LocalPlatform platform, BenchContext context) throws Exception;

}
