package dev.twelvefactor.order.inventory;

import java.util.List;

/**
 * What became of a reservation request: each case is a decision the order service must
 * take differently.
 */
public sealed interface ReservationResult {

	record Reserved(List<ReservedLine> lines) implements ReservationResult {
	}

	record InsufficientStock(List<String> skus) implements ReservationResult {
	}

	record UnknownProducts(List<String> skus) implements ReservationResult {
	}

	/**
	 * The order was cancelled (its reservation released) before this reservation arrived.
	 */
	record Released() implements ReservationResult {
	}

	/**
	 * No answer that decides anything: circuit open, timeout, no instance, 5xx. Try again
	 * later.
	 */
	record Unavailable(String reason) implements ReservationResult {
	}

}
