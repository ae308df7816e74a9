package dev.twelvefactor.loadgen;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives the public API through the gateway at a fixed request rate, as clients would:
 * product reads, order creates (with an Idempotency-Key, retried with the same key by a
 * {@link RetryingClient}) and reads of the orders it placed (retried alike: a GET is safe
 * to repeat). It remembers which order each key got, so that a test can check none was
 * lost and no key made two. The requests run on a {@link FixedRateSchedule}, so a stall
 * shows as latency instead of being hidden (coordinated omission). Given a
 * {@link TokenSource}, every request carries its token ({@code Authorization: Bearer}),
 * as an API client's would; without one it sends none. Bounded in count and time, stops
 * by itself, and targets loopback addresses only.
 */
public final class LoadGenerator {

	private static final String[] SKUS = { "KB-001", "MS-002", "MN-003", "HS-004", "CB-005", "DK-006" };

	private final LoadSettings settings;

	private final RetryingClient client;

	/** Null: anonymous requests. */
	private final TokenSource tokens;

	private final LoadResults results;

	private final AtomicReference<String> lastOrderPath = new AtomicReference<>();

	private volatile boolean stopped;

	/** Without tokens: orders are refused (401) by a platform that asks for them. */
	public LoadGenerator(LoadSettings settings) {
		this(settings, null);
	}

	public LoadGenerator(LoadSettings settings, TokenSource tokens) {
		this.settings = settings;
		this.tokens = tokens;
		this.client = new RetryingClient(settings.maxRetries());
		this.results = new LoadResults(client);
	}

	/**
	 * Starts no more requests after this; {@link #run()} returns once the answers still
	 * out are in.
	 */
	public void stop() {
		stopped = true;
	}

	/**
	 * Runs until the duration or the request count is reached (or {@link #stop()}), then
	 * waits for the answers still out.
	 */
	public LoadResults run() throws InterruptedException {
		long elapsed = new FixedRateSchedule(settings.rate()).run(settings.duration(), settings.maxRequests(),
				() -> stopped, scheduled -> {
					RequestKind kind = nextKind();
					results.record(kind, execute(kind), System.nanoTime() - scheduled);
				});
		results.finished(elapsed);
		return results;
	}

	/**
	 * Half reads of products, the rest mostly order creates and some reads of the orders
	 * placed.
	 */
	private RequestKind nextKind() {
		int dice = ThreadLocalRandom.current().nextInt(100);
		if (dice < 50) {
			return RequestKind.PRODUCT_READ;
		}
		return dice < 80 || lastOrderPath.get() == null ? RequestKind.ORDER_CREATE : RequestKind.ORDER_READ;
	}

	private int execute(RequestKind kind) {
		return switch (kind) {
			case PRODUCT_READ -> {
				String path = "/api/inventory/products/" + sku();
				yield client.send(() -> get(path), answer -> {
				});
			}
			case ORDER_READ -> {
				String path = lastOrderPath.get();
				yield client.send(() -> get(path), answer -> {
				});
			}
			case ORDER_CREATE -> createOrder();
		};
	}

	/**
	 * An order create as a careful client makes it: one Idempotency-Key for the order and
	 * all its retries.
	 */
	private int createOrder() {
		String key = UUID.randomUUID().toString();
		String body = "{\"lines\":[{\"sku\":\"" + sku() + "\",\"quantity\":1}]}";
		return client.send(
				() -> authorized(HttpRequest.newBuilder(settings.target().resolve("/api/orders"))
					.timeout(settings.timeout())
					.header("Content-Type", "application/json")
					.header("Idempotency-Key", key)
					.POST(HttpRequest.BodyPublishers.ofString(body))).build(),
				answer -> answer.headers().firstValue("Location").ifPresent(location -> {
					String path = URI.create(location).getPath();
					lastOrderPath.set(path);
					results.orderPlaced(key, path.substring(path.lastIndexOf('/') + 1));
				}));
	}

	private HttpRequest get(String path) {
		return authorized(HttpRequest.newBuilder(settings.target().resolve(path)).timeout(settings.timeout()).GET())
			.build();
	}

	/**
	 * Asked again for each attempt: a retry after the token expired gets a fresh one.
	 */
	private HttpRequest.Builder authorized(HttpRequest.Builder request) {
		return tokens == null ? request : request.header("Authorization", "Bearer " + tokens.accessToken());
	}

	private static String sku() {
		return SKUS[ThreadLocalRandom.current().nextInt(SKUS.length)];
	}

}
