package dev.twelvefactor.order.inventory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.util.List;
import java.util.UUID;

/**
 * Calls inventory-service's reservation API through Eureka ({@code lb://} via the load-balanced RestClient),
 * guarded by the Resilience4j circuit breaker and time limiter named {@code inventory-service} (config-repo).
 * Business answers (reserved, insufficient, unknown) are successes for the breaker; only failures to get an
 * answer count against it.
 */
@Component
public class InventoryClient {

    private static final Logger log = LoggerFactory.getLogger(InventoryClient.class);

    private final RestClient http;
    private final CircuitBreaker circuitBreaker;

    public InventoryClient(RestClient inventoryRestClient, CircuitBreakerFactory<?, ?> circuitBreakers) {
        this.http = inventoryRestClient;
        this.circuitBreaker = circuitBreakers.create("inventory-service");
    }

    public ReservationResult reserve(UUID orderId, List<RequestedLine> lines) {
        return circuitBreaker.run(() -> post(new ReservationRequest(orderId, lines)), InventoryClient::unavailable);
    }

    private ReservationResult post(ReservationRequest request) {
        return http.post().uri("/internal/reservations").body(request).exchange((ignored, response) -> {
            HttpStatusCode status = response.getStatusCode();
            if (status.is2xxSuccessful()) {
                return new ReservationResult.Reserved(response.bodyTo(ReservationResponse.class).lines());
            }
            if (status.isSameCodeAs(HttpStatus.CONFLICT)) {
                return new ReservationResult.InsufficientStock(response.bodyTo(SkuProblem.class).skus());
            }
            if (status.isSameCodeAs(HttpStatus.UNPROCESSABLE_CONTENT)) {
                return new ReservationResult.UnknownProducts(response.bodyTo(SkuProblem.class).skus());
            }
            if (status.isSameCodeAs(HttpStatus.GONE)) {
                return new ReservationResult.Released();
            }
            // Anything else (5xx, an unexpected 4xx) decides nothing: a failure for the breaker, PENDING for the order.
            throw new IllegalStateException("inventory-service answered " + status);
        });
    }

    private static ReservationResult unavailable(Throwable failure) {
        log.warn("inventory-service unavailable: {}", failure.toString());
        return new ReservationResult.Unavailable(failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }

    public record RequestedLine(String sku, int quantity) {
    }

    record ReservationRequest(UUID orderId, List<RequestedLine> lines) {
    }

    record ReservationResponse(UUID orderId, String status, List<ReservedLine> lines) {
    }

    record SkuProblem(String detail, List<String> skus) {
    }
}
