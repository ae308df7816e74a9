package dev.twelvefactor.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A plain HTTP client, as a user of the platform has: anonymous, or sending one
 * {@code Authorization} header on every request (see {@link Callers}).
 */
final class Http {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String baseUrl;

	private final Supplier<String> authorization;

	Http(String baseUrl) {
		this(baseUrl, () -> null);
	}

	Http(String baseUrl, Supplier<String> authorization) {
		this.baseUrl = baseUrl;
		this.authorization = authorization;
	}

	String baseUrl() {
		return baseUrl;
	}

	HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
	}

	HttpResponse<String> post(String path, String json) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	/**
	 * POST /api/orders as a client should: with an Idempotency-Key, the same on every
	 * retry of the same order.
	 */
	HttpResponse<String> placeOrder(String idempotencyKey, String json) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/orders"))
			.header("Idempotency-Key", idempotencyKey)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	HttpResponse<String> placeOrder(String json) {
		return placeOrder(UUID.randomUUID().toString(), json);
	}

	/**
	 * Places an order as a careful client does when the platform is busy: a 503 that says
	 * when to come back (Retry-After, in seconds) is sent again after that long, with the
	 * same Idempotency-Key, at most {@code attempts} times in all. Any other answer, or a
	 * 503 without Retry-After, is returned as it came.
	 */
	HttpResponse<String> placeOrderComingBackWhenBusy(String json, int attempts) {
		String idempotencyKey = UUID.randomUUID().toString();
		HttpResponse<String> answer = placeOrder(idempotencyKey, json);
		for (int attempt = 1; attempt < attempts && answer.statusCode() == 503; attempt++) {
			var retryAfter = answer.headers().firstValue("Retry-After").filter(value -> value.matches("\\d{1,2}"));
			if (retryAfter.isEmpty()) {
				return answer;
			}
			try {
				Thread.sleep(Duration.ofSeconds(Long.parseLong(retryAfter.get())));
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return answer;
			}
			answer = placeOrder(idempotencyKey, json);
		}
		return answer;
	}

	HttpResponse<String> send(HttpRequest.Builder request) {
		String credentials = authorization.get();
		if (credentials != null) {
			request.setHeader("Authorization", credentials);
		}
		try {
			return client.send(request.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

}
