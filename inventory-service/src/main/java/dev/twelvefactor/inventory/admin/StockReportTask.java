package dev.twelvefactor.inventory.admin;

import dev.twelvefactor.inventory.product.Product;
import dev.twelvefactor.inventory.product.ProductRepository;
import dev.twelvefactor.support.admin.AdminTask;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@code admin stock-report}: prints every product's stock; exits 1 when any product has
 * nothing available.
 */
@Component
class StockReportTask implements AdminTask {

	private final ProductRepository products;

	StockReportTask(ProductRepository products) {
		this.products = products;
	}

	@Override
	public String name() {
		return "stock-report";
	}

	@Override
	public String usage() {
		return "              print the stock of every product; exit code 1 when any is sold out";
	}

	@Override
	public int run(List<String> arguments) {
		List<Product> all = products.findAll();
		System.out.printf("%-10s %-30s %10s %10s %10s%n", "SKU", "NAME", "ON HAND", "RESERVED", "AVAILABLE");
		for (Product product : all) {
			System.out.printf("%-10s %-30s %10d %10d %10d%n", product.sku(), product.name(), product.onHand(),
					product.reserved(), product.available());
		}
		long soldOut = all.stream().filter(product -> product.available() == 0).count();
		System.out.printf("%d products, %d sold out%n", all.size(), soldOut);
		return soldOut == 0 ? OK : FAILED;
	}

}
