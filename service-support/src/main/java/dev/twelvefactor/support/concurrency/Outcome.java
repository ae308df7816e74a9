package dev.twelvefactor.support.concurrency;

import com.netflix.concurrency.limits.Limiter;
import org.springframework.web.ErrorResponse;

/**
 * What a request that held a permit tells the limit about the instance's (or route's)
 * capacity. The same rules for a servlet service and the gateway:
 * <ul>
 * <li>{@link #SUCCESS}: an answer below 400; its latency is a sample.</li>
 * <li>{@link #IGNORED}: a 4xx answer, or a 5xx other than 502-504. A 4xx is refused
 * before the work (bad input, no token, unknown path) and comes back faster than any real
 * request: Vegas takes the lowest latency as its baseline, and one such answer would make
 * every real request look queued. A 500 is a bug and says nothing about load. Also a
 * request the client gave up on.</li>
 * <li>{@link #DROPPED}: 502, 503 or 504, or a timeout: the instance, or one behind it,
 * could not answer (overloaded, pool exhausted, too slow). The limit backs off.</li>
 * </ul>
 */
public enum Outcome {

	SUCCESS, IGNORED, DROPPED;

	/**
	 * @param status the answer's HTTP status
	 * @return what it says about capacity
	 */
	public static Outcome ofStatus(int status) {
		if (status < 400) {
			return SUCCESS;
		}
		return (status >= 502 && status <= 504) ? DROPPED : IGNORED;
	}

	/**
	 * For a request that ended with an exception instead of an answer.
	 * @param failure what was thrown (or signalled)
	 * @return {@link #DROPPED} for a timeout, else what the status it carries says, else
	 * {@link #IGNORED}
	 */
	public static Outcome ofFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (isTimeout(cause)) {
				return DROPPED;
			}
		}
		if (failure instanceof ErrorResponse response) {
			return ofStatus(response.getStatusCode().value());
		}
		return IGNORED;
	}

	/**
	 * Timeouts have no common type: java.util.concurrent, java.net, java.net.http, JDBC,
	 * Spring's data access and transaction exceptions and Netty each have their own. All
	 * say so in their name.
	 */
	private static boolean isTimeout(Throwable failure) {
		String name = failure.getClass().getSimpleName();
		return name.contains("Timeout") || name.contains("TimedOut");
	}

	void report(Limiter.Listener listener) {
		switch (this) {
			case SUCCESS -> listener.onSuccess();
			case IGNORED -> listener.onIgnore();
			case DROPPED -> listener.onDropped();
		}
	}

}
