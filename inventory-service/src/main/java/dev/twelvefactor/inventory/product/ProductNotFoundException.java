package dev.twelvefactor.inventory.product;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

public class ProductNotFoundException extends ErrorResponseException {

    public ProductNotFoundException(String sku) {
        super(HttpStatus.NOT_FOUND, problem(sku), null);
    }

    private static ProblemDetail problem(String sku) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No product has SKU '" + sku + "'.");
        problem.setTitle("Product not found");
        problem.setProperty("sku", sku);
        return problem;
    }
}
