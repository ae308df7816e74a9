package dev.twelvefactor.order.inventory;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

import java.util.function.Predicate;

/**
 * Which failures of a call to inventory-service are worth one more try: all but an open
 * circuit breaker, whose point is not to call. Named in config-repo
 * ({@code resilience4j.retry.instances.inventory-service}).
 */
public class RetryableInventoryFailure implements Predicate<Throwable> {

	@Override
	public boolean test(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof CallNotPermittedException) {
				return false;
			}
		}
		return true;
	}

}
