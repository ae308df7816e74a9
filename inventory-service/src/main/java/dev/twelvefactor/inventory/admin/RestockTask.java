package dev.twelvefactor.inventory.admin;

import dev.twelvefactor.inventory.product.ProductRepository;
import dev.twelvefactor.inventory.product.StockRepository;
import dev.twelvefactor.support.admin.AdminTask;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code admin restock SKU QUANTITY [SKU QUANTITY ...]}: goods received, the units on
 * hand grow.
 */
@Component
class RestockTask implements AdminTask {

	static final int MAX_QUANTITY = 1_000_000;

	private final StockRepository stock;

	private final ProductRepository products;

	RestockTask(StockRepository stock, ProductRepository products) {
		this.stock = stock;
		this.products = products;
	}

	@Override
	public String name() {
		return "restock";
	}

	@Override
	public String usage() {
		return "SKU QUANTITY [SKU QUANTITY ...]   add QUANTITY (1.." + MAX_QUANTITY
				+ ") units of SKU to the stock on hand";
	}

	@Override
	public int run(List<String> arguments) {
		if (arguments.isEmpty() || arguments.size() % 2 != 0) {
			System.err.println("Usage: admin restock " + usage());
			return USAGE;
		}
		Map<String, Integer> quantities = new LinkedHashMap<>();
		for (int i = 0; i < arguments.size(); i += 2) {
			String sku = arguments.get(i);
			String quantity = arguments.get(i + 1);
			if (!quantity.matches("\\d{1,7}") || Integer.parseInt(quantity) < 1
					|| Integer.parseInt(quantity) > MAX_QUANTITY) {
				System.err.println("QUANTITY must be between 1 and " + MAX_QUANTITY + ", not '" + quantity + "'");
				return USAGE;
			}
			quantities.merge(sku, Integer.parseInt(quantity), Integer::sum);
		}
		// All SKUs are checked before any stock changes: a typo restocks nothing.
		for (String sku : quantities.keySet()) {
			if (products.findBySku(sku).isEmpty()) {
				System.err.println("No product has SKU '" + sku + "'; nothing was restocked");
				return FAILED;
			}
		}
		quantities.forEach((sku, quantity) -> {
			stock.restock(sku, quantity);
			var product = products.findBySku(sku).orElseThrow();
			System.out.printf("Restocked %s by %d: %d on hand, %d reserved, %d available%n", sku, quantity,
					product.onHand(), product.reserved(), product.available());
		});
		return OK;
	}

}
