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
