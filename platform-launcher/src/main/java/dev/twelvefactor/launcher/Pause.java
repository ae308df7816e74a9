package dev.twelvefactor.launcher;

import java.time.Duration;

/**
 * The one way the launcher and its tools wait: an interrupt ends the wait and whatever
 * waited.
 */
public final class Pause {

	private Pause() {
	}

	/**
	 * Sleeps; an interrupt (Ctrl-C, a test's timeout) keeps its flag and becomes an
	 * exception.
	 */
	public static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", e);
		}
	}

}
