package dev.twelvefactor.system;

import dev.twelvefactor.loadgen.LoadHttp;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.function.Supplier;

/** How long after a burst one client's requests are answered as fast as before it. */
final class Recovery {

	/** Normal again: this many answers in a row within the threshold. */
	static final int IN_A_ROW = 5;

	private Recovery() {
	}

	/**
	 * Sends one request after another from now on; the time from now to the first of
	 * {@link #IN_A_ROW} successful answers in a row each within {@code thresholdMillis},
	 * or {@code giveUpAfter} if that never came.
	 */
	static Duration timeUntilNormal(Supplier<HttpRequest> request, double thresholdMillis, Duration giveUpAfter) {
		HttpClient http = LoadHttp.client();
		long start = System.nanoTime();
		long streakStart = -1;
		int streak = 0;
		while (System.nanoTime() - start < giveUpAfter.toNanos()) {
			long sent = System.nanoTime();
			int status = LoadHttp.status(http, request.get());
			double millis = (System.nanoTime() - sent) / 1e6;
			if (status / 100 == 2 && millis <= thresholdMillis) {
				if (streak++ == 0) {
					streakStart = sent;
				}
				if (streak == IN_A_ROW) {
					return Duration.ofNanos(streakStart - start);
				}
			}
			else {
				streak = 0;
			}
		}
		return giveUpAfter;
	}

}
