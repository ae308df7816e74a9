package dev.twelvefactor.launcher.process;

/** How an instance's JVM is started. */
public enum Launch {

	/**
	 * The platform's way: the fast layout with its AOT cache and the flags of
	 * jvm.options.
	 */
	TUNED,
	/**
	 * {@code java -jar SERVICE.jar} with no flag at all: the baseline the benchmarks
	 * compare against.
	 */
	BASELINE

}
