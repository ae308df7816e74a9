package dev.twelvefactor.order.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The {@code orders.*} settings read at startup, with their defaults (here only;
 * config-repo sets a key only to differ). The live limits on one order,
 * {@code orders.limits}, are {@code OrderLimits}: a mutable bean that a refresh rebinds,
 * which a record cannot be.
 *
 * @param reconciler how PENDING orders are finished
 * @param idempotency how long Idempotency-Keys are kept
 * @param metrics how often the PENDING figures are read
 */
@ConfigurationProperties("orders")
public record OrdersProperties(@DefaultValue Reconciler reconciler, @DefaultValue Idempotency idempotency,
		@DefaultValue Metrics metrics) {

	/**
	 * @param interval how often every instance looks for PENDING orders that are due
	 * @param batchSize how many PENDING orders an instance claims at once
	 * @param claim an order is one instance's for this long; longer than a reservation
	 * call can take with its retry
	 * @param placementGrace a new order is left to the request that placed it for this
	 * long before the reconciler may pick it up
	 * @param maxBackoff backoff between attempts of one order while inventory-service
	 * stays unavailable: 1 s, 2 s, 4 s ... up to this
	 */
	public record Reconciler(@DefaultValue("2s") Duration interval, @DefaultValue("20") int batchSize,
			@DefaultValue("30s") Duration claim, @DefaultValue("10s") Duration placementGrace,
			@DefaultValue("30s") Duration maxBackoff) {
	}

	/**
	 * @param retention Idempotency-Keys are kept this long (clients may retry for a day)
	 * @param cleanupInterval how often expired keys are deleted
	 */
	public record Idempotency(@DefaultValue("24h") Duration retention, @DefaultValue("10m") Duration cleanupInterval) {
	}

	/**
	 * @param interval how often {@code orders_pending} is read from the database (not on
	 * each scrape)
	 */
	public record Metrics(@DefaultValue("5s") Duration interval) {
	}
}
