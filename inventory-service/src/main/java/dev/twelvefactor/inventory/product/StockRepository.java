package dev.twelvefactor.inventory.product;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Changes to the stock on hand (receiving goods), as opposed to reservations. */
@Repository
public class StockRepository {

	private final JdbcClient jdbc;

	public StockRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Adds received units; false when no product has the SKU. */
	public boolean restock(String sku, int quantity) {
		return jdbc.sql("update product set on_hand = on_hand + :quantity where sku = :sku")
			.param("quantity", quantity)
			.param("sku", sku)
			.update() == 1;
	}

}
