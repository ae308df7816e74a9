package dev.twelvefactor.launcher.net;

import dev.twelvefactor.launcher.Pause;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * GETs that ask a local process how it is: a status, a JSON document, or a wait until it
 * answers 200; with an {@code Authorization} header where the endpoint asks for one.
 */
public final class HttpCheck {

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/** The HTTP status of a GET, or -1 when nothing answers. */
	public int status(String url) {
		return status(url, Optional.empty());
	}

	/**
	 * The HTTP status of a GET with this {@code Authorization} header (if any), or -1
	 * when nothing answers.
	 */
	public int status(String url, Optional<String> authorization) {
		try {
			return http.send(get(url, authorization), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException e) {
			return -1;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/**
	 * The JSON answer of a GET, also with 503 (a health document while a component is
	 * down still has its details).
	 */
	public Optional<JsonNode> json(String url) {
		return json(url, Optional.empty());
	}

	/** Like {@link #json(String)}, with this {@code Authorization} header (if any). */
	public Optional<JsonNode> json(String url, Optional<String> authorization) {
		try {
			HttpResponse<String> response = http.send(get(url, authorization), HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 || response.statusCode() == 503
					? Optional.of(JSON.readTree(response.body())) : Optional.empty();
		}
		catch (IOException e) {
			return Optional.empty();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	/** Waits until {@code url} answers 200; refuses after {@code timeout}. */
	public void awaitOk(String url, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (status(url) != 200) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException(url + " was not ready within " + timeout.toSeconds() + " s");
			}
			Pause.sleep(Duration.ofMillis(200));
		}
	}

	/**
	 * A JSON array holding {@code element}: some documents write a lone element where
	 * others write a list.
	 */
	public static JsonNode arrayOf(JsonNode element) {
		return JSON.createArrayNode().add(element);
	}

	private static HttpRequest get(String url, Optional<String> authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(5))
			.header("Accept", "application/json")
			.GET();
		authorization.ifPresent(value -> request.header("Authorization", value));
		return request.build();
	}

}
