package dev.twelvefactor.order.order;

public enum OrderStatus {

	/**
	 * Stored, stock not reserved yet (inventory-service was unavailable); the reconciler
	 * finishes it.
	 */
	PENDING, CONFIRMED, REJECTED, CANCELLED

}
