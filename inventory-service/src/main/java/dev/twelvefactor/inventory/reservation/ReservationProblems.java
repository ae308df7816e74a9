package dev.twelvefactor.inventory.reservation;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.util.Collection;
import java.util.UUID;

/** The ways a reservation can be refused, each an RFC 9457 problem the caller can act on. */
final class ReservationProblems {

    private ReservationProblems() {
    }

    static ErrorResponseException insufficientStock(Collection<String> skus) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Not enough stock for " + String.join(", ", skus) + ".");
        problem.setTitle("Insufficient stock");
        problem.setProperty("skus", skus);
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }

    static ErrorResponseException unknownProducts(Collection<String> skus) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "No product has SKU " + String.join(", ", skus) + ".");
        problem.setTitle("Unknown product");
        problem.setProperty("skus", skus);
        return new ErrorResponseException(HttpStatus.UNPROCESSABLE_CONTENT, problem, null);
    }

    static ErrorResponseException alreadyReleased(UUID orderId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GONE,
                "The reservation of order " + orderId + " was released; an order is never reserved again.");
        problem.setTitle("Reservation released");
        return new ErrorResponseException(HttpStatus.GONE, problem, null);
    }

    static ErrorResponseException duplicateSku(String sku) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "SKU " + sku + " appears on more than one line; put its whole quantity on one line.");
        problem.setTitle("Duplicate line");
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }
}
