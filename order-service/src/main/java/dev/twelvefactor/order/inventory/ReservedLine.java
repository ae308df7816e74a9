package dev.twelvefactor.order.inventory;

import java.math.BigDecimal;

/** A line as inventory-service reserved it, with the unit price of that moment. */
public record ReservedLine(String sku, int quantity, BigDecimal unitPrice) {
}
