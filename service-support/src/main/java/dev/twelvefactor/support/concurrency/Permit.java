package dev.twelvefactor.support.concurrency;

import com.netflix.concurrency.limits.Limiter;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request's place under the limit. Released exactly once: the library's listener
 * gives its semaphore permit back on every call, so a second release (an async request's
 * timeout followed by its completion, a reactive cancel after an error) would raise the
 * limit for good.
 */
public final class Permit {

	private final Limiter.Listener listener;

	private final AtomicBoolean released = new AtomicBoolean();

	private Permit(Limiter.Listener listener) {
		this.listener = listener;
	}

	/**
	 * Never waits.
	 * @param limiter the instance's or route's limiter
	 * @return a permit, or empty when the limit is reached
	 */
	public static Optional<Permit> tryAcquire(Limiter<Void> limiter) {
		return limiter.acquire(null).map(Permit::new);
	}

	/**
	 * Gives the place back and reports the request to the limit; later calls do nothing.
	 * @param outcome what the request says about capacity
	 */
	public void release(Outcome outcome) {
		if (released.compareAndSet(false, true)) {
			outcome.report(listener);
		}
	}

}
