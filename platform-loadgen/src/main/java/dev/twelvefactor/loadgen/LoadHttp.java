package dev.twelvefactor.loadgen;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The HTTP client every driver uses, and the one way a request's outcome becomes a
 * status.
 */
public final class LoadHttp {

	/**
	 * Per request: longer than any answer a healthy platform gives, shorter than a test's
	 * patience.
	 */
	public static final Duration TIMEOUT = Duration.ofSeconds(10);

	private LoadHttp() {
	}

	/**
	 * HTTP/1.1 with keep-alive, like wrk and like clients behind a load balancer; the
	 * JDK's default would add an h2c upgrade header to the first request on each
	 * connection.
	 */
	public static HttpClient client() {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
	}

	/** A GET of a loopback URL. */
	public static HttpRequest get(URI target) {
		return HttpRequest.newBuilder(Loopback.require(target)).timeout(TIMEOUT).GET().build();
	}

	/**
	 * The answer's status, or {@link Outcomes#NO_ANSWER} when none came (connection
	 * refused, timeout).
	 */
	public static int status(HttpClient http, HttpRequest request) {
		return answer(http, request).status();
	}

	/**
	 * The answer's status and, for a refusal (429, 503), the Retry-After it asked a
	 * client to wait (whole seconds); status {@link Outcomes#NO_ANSWER} when none came.
	 */
	public static Answer answer(HttpClient http, HttpRequest request) {
		try {
			HttpResponse<Void> answer = http.send(request, HttpResponse.BodyHandlers.discarding());
			Optional<Duration> retryAfter = Optional.empty();
			if (answer.statusCode() == 429 || answer.statusCode() == 503) {
				retryAfter = answer.headers()
					.firstValue("Retry-After")
					.filter(seconds -> seconds.matches("\\d{1,4}"))
					.map(seconds -> Duration.ofSeconds(Long.parseLong(seconds)));
			}
			return new Answer(answer.statusCode(), retryAfter);
		}
		catch (IOException e) {
			return new Answer(Outcomes.NO_ANSWER, Optional.empty());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new Answer(Outcomes.NO_ANSWER, Optional.empty());
		}
	}

	/** What came back: a status, and how long a refusal asked to wait. */
	public record Answer(int status, Optional<Duration> retryAfter) {
	}

}
