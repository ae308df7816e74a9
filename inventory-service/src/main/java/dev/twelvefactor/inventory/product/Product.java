package dev.twelvefactor.inventory.product;

import java.math.BigDecimal;

/**
 * A product in stock. {@code available} is what can still be reserved: on hand minus
 * reserved.
 */
public record Product(String sku, String name, BigDecimal price, int onHand, int reserved) {

	public int available() {
		return onHand - reserved;
	}
}
