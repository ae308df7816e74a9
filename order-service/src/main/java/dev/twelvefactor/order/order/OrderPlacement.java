package dev.twelvefactor.order.order;

import dev.twelvefactor.order.idempotency.IdempotencyKeys;
import dev.twelvefactor.order.inventory.ReservationResult;
import dev.twelvefactor.support.problem.Problem;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * POST /api/orders under an Idempotency-Key. The key and the PENDING order are written in
 * one transaction, so a retried request finds either nothing (and starts afresh) or the
 * key with its order. The response is stored with the key: the same key with the same
 * request gets it again and creates nothing; the same key with another request is
 * refused. The same key while the first request has not answered yet (it still runs, or
 * its process died after storing the order) is answered with the order as it stands: a
 * client retrying after a lost answer learns of its order, instead of a conflict that
 * would leave it not knowing whether it has one.
 * <p>
 * Part of the order package, not of idempotency: it places orders, and the key store it
 * uses knows nothing of them.
 */
@Service
public class OrderPlacement {

	/**
	 * The tag that names an order on a span: the request that placed it and each
	 * reconciliation of it carry the order's id, so the trace store finds them together.
	 */
	public static final String ORDER_ID_TAG = "order.id";

	private static final Logger log = LoggerFactory.getLogger(OrderPlacement.class);

	private final IdempotencyKeys keys;

	private final OrderService orderService;

	private final OrderRepository orders;

	private final TransactionTemplate transaction;

	private final JsonMapper json;

	private final ObservationRegistry observations;

	public OrderPlacement(IdempotencyKeys keys, OrderService orderService, OrderRepository orders,
			TransactionTemplate transaction, JsonMapper json, ObservationRegistry observations) {
		this.observations = observations;
		this.keys = keys;
		this.orderService = orderService;
		this.orders = orders;
		this.transaction = transaction;
		this.json = json;
	}

	/**
	 * What to answer: the status, the JSON body, and the order it concerns (for the
	 * Location header).
	 */
	public record Answer(int status, String body, UUID orderId) {

		public boolean isProblem() {
			return status >= 400;
		}
	}

	/**
	 * Places an order of {@code owner} under the owner's {@code key}: another owner's use
	 * of the same key is not seen here.
	 */
	public Answer place(String owner, String key, List<Order.OrderLine> lines) {
		String requestHash = hash(lines);
		UUID orderId = UUID.randomUUID();
		Boolean claimed = transaction.execute(status -> {
			if (!keys.claim(owner, key, requestHash, orderId)) {
				return false;
			}
			orderService.storePending(orderId, owner, lines);
			return true;
		});
		if (!Boolean.TRUE.equals(claimed)) {
			return replay(owner, key, requestHash);
		}
		Observation request = observations.getCurrentObservation();
		if (request != null) {
			request.highCardinalityKeyValue(ORDER_ID_TAG, orderId.toString());
		}
		ReservationResult result = orderService.reserve(orderId, lines);
		Order order = orders.findById(orderId).orElseThrow();
		Answer answer = answerFor(result, order);
		keys.answer(owner, key, answer.status(), answer.body());
		// A business event per order, in the request's trace (the line carries its id).
		log.info("Order {} placed: {} lines, {} ({})", orderId, lines.size(), order.status(), answer.status());
		return answer;
	}

	/** The owner's key was used before: its order is the owner's too. */
	private Answer replay(String owner, String key, String requestHash) {
		IdempotencyKeys.UsedKey used = keys.find(owner, key).orElseThrow();
		if (!used.requestHash().equals(requestHash)) {
			return answer(
					Problem.of(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused",
							"Idempotency-Key '" + key
									+ "' was already used for a different request; use a new key for a new order."),
					used.orderId());
		}
		if (used.answered()) {
			return new Answer(used.responseStatus(), used.responseBody(), used.orderId());
		}
		Order order = orders.findById(used.orderId()).orElseThrow();
		return switch (order.status()) {
			case PENDING -> new Answer(202, write(order), order.id());
			case REJECTED ->
				answer(Problem.of(HttpStatus.CONFLICT, "Order rejected", "The order was rejected: " + order.reason()),
						order.id());
			case CONFIRMED, CANCELLED -> new Answer(201, write(order), order.id());
		};
	}

	private Answer answerFor(ReservationResult result, Order order) {
		return switch (result) {
			case ReservationResult.Reserved reserved -> new Answer(201, write(order), order.id());
			case ReservationResult.Unavailable unavailable -> new Answer(202, write(order), order.id());
			case ReservationResult.InsufficientStock insufficient -> answer(Problem
				.of(HttpStatus.CONFLICT, "Insufficient stock",
						"Not enough stock for " + String.join(", ", insufficient.skus()) + ".")
				.with("skus", insufficient.skus()), order.id());
			case ReservationResult.UnknownProducts unknown -> answer(Problem
				.of(HttpStatus.UNPROCESSABLE_CONTENT, "Unknown product",
						"No product has SKU " + String.join(", ", unknown.skus()) + ".")
				.with("skus", unknown.skus()), order.id());
			case ReservationResult.Released released -> answer(Problem.of(HttpStatus.CONFLICT, "Order cancelled",
					"The order was cancelled before its stock was reserved."), order.id());
		};
	}

	/**
	 * A problem about the order: it is stored with the key as JSON, to be answered again
	 * as it was.
	 */
	private Answer answer(Problem problem, UUID orderId) {
		problem.with("orderId", orderId);
		return new Answer(problem.status().value(), json.writeValueAsString(problem.members()), orderId);
	}

	private String write(Order order) {
		return json.writeValueAsString(order);
	}

	/**
	 * The request's identity: its lines in order, which is all a POST /api/orders says.
	 */
	static String hash(List<Order.OrderLine> lines) {
		StringBuilder canonical = new StringBuilder();
		lines.forEach(line -> canonical.append(line.sku()).append('\u0000').append(line.quantity()).append('\n'));
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256")
					.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every JDK", e);
		}
	}

}
