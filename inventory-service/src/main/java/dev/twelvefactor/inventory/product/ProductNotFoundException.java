package dev.twelvefactor.inventory.product;

import dev.twelvefactor.support.problem.Problem;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** 404 problem naming the SKU no product has. */
public class ProductNotFoundException extends ErrorResponseException {

	public ProductNotFoundException(String sku) {
		super(HttpStatus.NOT_FOUND,
				Problem.of(HttpStatus.NOT_FOUND, "Product not found", "No product has SKU '" + sku + "'.")
					.with("sku", sku)
					.body(),
				null);
	}

}
