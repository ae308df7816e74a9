package dev.twelvefactor.inventory.reservation;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * Stock held for one order, with the unit price of each line at the time it was reserved.
 */
public record Reservation(UUID orderId, Status status, List<Line> lines) {

	public enum Status {

		RESERVED, RELEASED

	}

	public record Line(String sku, int quantity, BigDecimal unitPrice) {
	}
}
