package dev.twelvefactor.order.inventory;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
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
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Calls inventory-service's reservation API through Eureka (the load-balanced
 * RestClient), with Resilience4j instances named {@code inventory-service} configured in
 * config-repo: a retry (both calls are idempotent by order id, so retrying is safe)
 * around the circuit breaker, which holds a time limiter and a bulkhead. Business answers
 * (reserved, insufficient, unknown) are successes for the breaker; only failing to get an
 * answer counts against it.
 * <p>
 * The retry goes to another instance: one that refused the connection or did not answer
 * within the per-try read timeout is ejected from load balancing before the call fails
 * (service-support's InstanceEjection). So a frozen instance of two costs one failed try
 * per order-service instance, not one per call: the breaker (50 % of 20 calls) stays
 * closed.
 */
@Component
public class InventoryClient {

	public static final String NAME = "inventory-service";

	/** The span tag naming why a call to inventory-service fell back. */
	public static final String FALLBACK_TAG = "inventory.fallback";

	private static final Logger log = LoggerFactory.getLogger(InventoryClient.class);

	private final RestClient http;

	private final CircuitBreaker circuitBreaker;

	private final Retry retry;

	private final ObservationRegistry observations;

	public InventoryClient(RestClient inventoryRestClient, CircuitBreakerFactory<?, ?> circuitBreakers,
			RetryRegistry retries, ObservationRegistry observations) {
		this.http = inventoryRestClient;
		this.circuitBreaker = circuitBreakers.create(NAME);
		this.retry = retries.retry(NAME);
		this.observations = observations;
	}

	public ReservationResult reserve(UUID orderId, List<RequestedLine> lines) {
		return resilient(() -> post(new ReservationRequest(orderId, lines)), ReservationResult.Unavailable::new);
	}

	/**
	 * Releases the order's reservation (or blocks a late one); false when
	 * inventory-service did not answer.
	 */
	public boolean release(UUID orderId) {
		return resilient(() -> {
			http.delete().uri("/internal/reservations/{orderId}", orderId).retrieve().toBodilessEntity();
			return true;
		}, reason -> false);
	}

	private <T> T resilient(Supplier<T> call, Function<String, T> whenUnavailable) {
		try {
			return retry.executeSupplier(() -> circuitBreaker.run(call));
		}
		catch (RuntimeException failure) {
			Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
			log.warn("inventory-service unavailable: {}", cause.toString());
			// The trace shows the fallback on the span of the work that took it (the
			// request's, or the reconciler's), beside the failed tries' client spans.
			Observation current = observations.getCurrentObservation();
			if (current != null) {
				current.highCardinalityKeyValue(FALLBACK_TAG, cause.getClass().getSimpleName());
			}
			return whenUnavailable.apply(cause.getClass().getSimpleName() + ": " + cause.getMessage());
		}
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
			// Anything else (5xx, an unexpected 4xx) decides nothing: a failure for the
			// breaker, PENDING for the order.
			throw new IllegalStateException("inventory-service answered " + status);
		});
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
