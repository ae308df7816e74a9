package dev.twelvefactor.inventory.reservation;

import dev.twelvefactor.support.problem.Problem;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import java.util.Collection;
import java.util.UUID;

/**
 * The ways a reservation can be refused, each an RFC 9457 problem the caller can act on.
 */
final class ReservationProblems {

	private ReservationProblems() {
	}

	static ErrorResponseException insufficientStock(Collection<String> skus) {
		return Problem
			.of(HttpStatus.CONFLICT, "Insufficient stock", "Not enough stock for " + String.join(", ", skus) + ".")
			.with("skus", skus)
			.toException();
	}

	static ErrorResponseException unknownProducts(Collection<String> skus) {
		return Problem
			.of(HttpStatus.UNPROCESSABLE_CONTENT, "Unknown product",
					"No product has SKU " + String.join(", ", skus) + ".")
			.with("skus", skus)
			.toException();
	}

	static ErrorResponseException alreadyReleased(UUID orderId) {
		return Problem
			.of(HttpStatus.GONE, "Reservation released",
					"The reservation of order " + orderId + " was released; an order is never reserved again.")
			.toException();
	}

	static ErrorResponseException duplicateSku(String sku) {
		return Problem
			.of(HttpStatus.BAD_REQUEST, "Duplicate line",
					"SKU " + sku + " appears on more than one line; put its whole quantity on one line.")
			.toException();
	}

}
