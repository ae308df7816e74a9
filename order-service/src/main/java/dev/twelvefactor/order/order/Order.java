package dev.twelvefactor.order.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record Order(UUID id, OrderStatus status, BigDecimal total, String reason, Instant createdAt, Instant updatedAt,
		List<OrderLine> lines) {

	public record OrderLine(String sku, int quantity, BigDecimal unitPrice) {
	}
}
