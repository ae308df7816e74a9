package dev.twelvefactor.inventory.product;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;

/** The public catalogue, routed by the gateway under /api/inventory. */
@RestController
@RequestMapping("/api/inventory/products")
public class ProductController {

	private final ProductRepository products;

	public ProductController(ProductRepository products) {
		this.products = products;
	}

	@GetMapping
	public ProductPage list(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		long total = products.count();
		List<ProductView> content = products.findPage(page, size).stream().map(ProductView::of).toList();
		return new ProductPage(content, page, size, total, (int) ((total + size - 1) / size));
	}

	@GetMapping("/{sku}")
	public ProductView get(@PathVariable String sku) {
		return products.findBySku(sku).map(ProductView::of).orElseThrow(() -> new ProductNotFoundException(sku));
	}

	public record ProductView(String sku, String name, BigDecimal price, int available) {
		static ProductView of(Product product) {
			return new ProductView(product.sku(), product.name(), product.price(), product.available());
		}
	}

	public record ProductPage(List<ProductView> content, int page, int size, long totalElements, int totalPages) {
	}

}
