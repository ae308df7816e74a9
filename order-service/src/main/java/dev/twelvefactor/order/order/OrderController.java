package dev.twelvefactor.order.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import dev.twelvefactor.support.problem.Problem;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The public order API, routed by the gateway under /api/orders. Every order belongs to
 * the subject ({@code sub}) of the access token that placed it, a user or a client; a
 * caller sees and cancels only its own, and another owner's order answers exactly as an
 * unknown one does (404), so ids of others' orders reveal nothing. The scopes are checked
 * before a request gets here (OrderApiSecurity).
 */
@RestController
@RequestMapping("/api/orders")
public class OrderController {

	public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/** The width of the owner columns (V3__order_owner.sql). */
	static final int MAX_OWNER_LENGTH = 255;

	private final OrderPlacement placement;

	private final OrderService service;

	private final OrderRepository orders;

	private final OrderLimits limits;

	public OrderController(OrderPlacement placement, OrderService service, OrderRepository orders, OrderLimits limits) {
		this.placement = placement;
		this.service = service;
		this.orders = orders;
		this.limits = limits;
	}

	/**
	 * 201 + Location when the stock is reserved; 202 + Location while the order is
	 * PENDING (inventory-service did not answer); 409 naming the SKUs short of stock; 422
	 * for SKUs that do not exist. Requires an Idempotency-Key: the same key with the same
	 * body gets the same answer and creates nothing new.
	 */
	@PostMapping
	public ResponseEntity<String> place(@AuthenticationPrincipal Jwt token,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
			@Valid @RequestBody PlaceOrder request) {
		String owner = owner(token);
		requireValidKey(idempotencyKey);
		requireWithinLimits(request);
		List<Order.OrderLine> lines = request.lines()
			.stream()
			.map(line -> new Order.OrderLine(line.sku(), line.quantity(), null))
			.toList();
		requireDistinctSkus(lines);
		OrderPlacement.Answer answer = placement.place(owner, idempotencyKey, lines);
		ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status())
			.contentType(answer.isProblem() ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON);
		if (!answer.isProblem()) {
			response.location(ServletUriComponentsBuilder.fromCurrentRequestUri()
				.path("/{id}")
				.buildAndExpand(answer.orderId())
				.toUri());
		}
		return response.body(answer.body());
	}

	/** Cancels the order and releases its stock; cancelling twice is the same as once. */
	@PostMapping("/{id}/cancel")
	public ResponseEntity<Order> cancel(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
		String owner = owner(token);
		return switch (service.cancel(id, owner)) {
			case CANCELLED -> ResponseEntity.ok(orders.findOwned(id, owner).orElseThrow());
			case NOT_FOUND -> throw notFound(id);
			case NOT_CANCELLABLE -> throw problem(HttpStatus.CONFLICT, "Order not cancellable",
					"Order " + id + " was rejected; it holds no stock and cannot be cancelled.");
			case INVENTORY_UNAVAILABLE -> throw Problem
				.of(HttpStatus.SERVICE_UNAVAILABLE, "Inventory unavailable",
						"The order's stock could not be released because inventory-service is unavailable; "
								+ "the order is unchanged. Retry in a few seconds.")
				.retryAfter(Duration.ofSeconds(5))
				.toException();
		};
	}

	@GetMapping("/{id}")
	public Order get(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
		return orders.findOwned(id, owner(token)).orElseThrow(() -> notFound(id));
	}

	/** The caller's own orders, newest first, optionally by status. */
	@GetMapping
	public OrderPage list(@AuthenticationPrincipal Jwt token, @RequestParam(required = false) OrderStatus status,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		String owner = owner(token);
		long total = orders.count(owner, status);
		return new OrderPage(orders.findPage(owner, status, page, size), page, size, total,
				(int) ((total + size - 1) / size));
	}

	/**
	 * Whose orders these are: the token's subject. A token without one (or with one too
	 * long to store) may not own orders.
	 */
	private static String owner(Jwt token) {
		String subject = token == null ? null : token.getSubject();
		if (subject == null || subject.isBlank() || subject.length() > MAX_OWNER_LENGTH) {
			throw problem(HttpStatus.FORBIDDEN, "No owner in the token",
					"Orders belong to the subject (sub) of the access token; this token names none of at most "
							+ MAX_OWNER_LENGTH + " characters.");
		}
		return subject;
	}

	private static void requireValidKey(String key) {
		if (key == null || key.isBlank()) {
			throw problem(HttpStatus.BAD_REQUEST, "Idempotency-Key required",
					"POST /api/orders needs an Idempotency-Key header (for example a UUID), so that a retried request "
							+ "never places a second order.");
		}
		if (!key.matches("[\\x21-\\x7E]{1,200}")) {
			throw problem(HttpStatus.BAD_REQUEST, "Invalid Idempotency-Key",
					"The Idempotency-Key must be 1 to 200 printable ASCII characters without spaces.");
		}
	}

	/**
	 * The configured limits (live: refreshed without a restart); the request model holds
	 * the hard bounds.
	 */
	private void requireWithinLimits(PlaceOrder request) {
		if (request.lines().size() > limits.getMaxLines()) {
			throw problem(HttpStatus.BAD_REQUEST, "Too many lines", "An order may have at most " + limits.getMaxLines()
					+ " lines; this one has " + request.lines().size() + ".");
		}
		request.lines()
			.stream()
			.filter(line -> line.quantity() > limits.getMaxQuantity())
			.findFirst()
			.ifPresent(line -> {
				throw problem(HttpStatus.BAD_REQUEST, "Quantity too large", "At most " + limits.getMaxQuantity()
						+ " units of one SKU per order; " + line.sku() + " asks for " + line.quantity() + ".");
			});
	}

	private static void requireDistinctSkus(List<Order.OrderLine> lines) {
		if (lines.stream().map(Order.OrderLine::sku).distinct().count() != lines.size()) {
			throw problem(HttpStatus.BAD_REQUEST, "Duplicate line",
					"Each SKU may appear on one line only; put its whole quantity on that line.");
		}
	}

	private static ErrorResponseException notFound(UUID id) {
		return problem(HttpStatus.NOT_FOUND, "Order not found", "No order has id " + id + ".");
	}

	private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
		return Problem.of(status, title, detail).toException();
	}

	public record PlaceOrder(
			@NotNull @NotEmpty @Size(max = OrderLimits.HARD_MAX_LINES) List<@Valid @NotNull Line> lines) {
		public record Line(@NotBlank @Size(max = 64) String sku,
				@Positive @Max(OrderLimits.HARD_MAX_QUANTITY) int quantity) {
		}
	}

	public record OrderPage(List<Order> content, int page, int size, long totalElements, int totalPages) {
	}

}
