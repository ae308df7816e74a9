package dev.twelvefactor.loadgen;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A client as a careful one behaves: it repeats a request that is safe to repeat (a GET,
 * or a POST with its Idempotency-Key) after a 5xx or no answer, at most
 * {@code maxRetries} times, after the Retry-After the answer asked for (at most
 * {@link #MAX_RETRY_AFTER}) or a short exponential backoff. It counts what a client would
 * notice on the way, also the answers a retry made good.
 */
public final class RetryingClient {

	/** The longest Retry-After the client honours; a longer one is cut to this. */
	static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(5);

	private final HttpClient http = LoadHttp.client();

	private final int maxRetries;

	private final AtomicLong retries = new AtomicLong();

	private final AtomicLong timeouts = new AtomicLong();

	private final AtomicLong unexpectedAnswers = new AtomicLong();

	private final AtomicLong unavailableWithoutRetryAfter = new AtomicLong();

	private final AtomicLong tokenFailures = new AtomicLong();

	public RetryingClient(int maxRetries) {
		this.maxRetries = maxRetries;
	}

	/**
	 * Sends {@code request} (called again for each attempt), gives the final answer below
	 * 500 to {@code onAnswer} and returns the final status ({@link Outcomes#NO_ANSWER}:
	 * none came).
	 */
	public int send(Supplier<HttpRequest> request, Consumer<HttpResponse<Void>> onAnswer) {
		int status = Outcomes.NO_ANSWER;
		Duration pause = Duration.ZERO;
		for (int attempt = 0; attempt <= maxRetries; attempt++) {
			if (attempt > 0) {
				retries.incrementAndGet();
				try {
					Thread.sleep(pause);
				}
				catch (InterruptedException e) {
					// Told to stop: the last answer is the final one.
					Thread.currentThread().interrupt();
					return status;
				}
			}
			HttpResponse<Void> response = exchange(request);
			status = response == null ? Outcomes.NO_ANSWER : response.statusCode();
			if (response != null && status < 500) {
				onAnswer.accept(response);
				return status;
			}
			pause = retryAfter(response).orElse(Duration.ofMillis(100L << attempt));
		}
		return status;
	}

	static Optional<Duration> retryAfter(HttpResponse<Void> response) {
		if (response == null) {
			return Optional.empty();
		}
		return response.headers()
			.firstValue("Retry-After")
			.filter(value -> value.matches("\\d{1,6}"))
			.map(seconds -> Duration.ofSeconds(Long.parseLong(seconds)))
			.map(wait -> wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait);
	}

	/**
	 * The response, or null when none came (connection refused, timeout, no token to send
	 * it with). Every answer a client does not expect is counted here, also those a retry
	 * makes good; a 503 must say when to come back (Retry-After).
	 */
	private HttpResponse<Void> exchange(Supplier<HttpRequest> request) {
		HttpResponse<Void> response = null;
		try {
			response = http.send(request.get(), HttpResponse.BodyHandlers.discarding());
		}
		catch (TokenUnavailableException noToken) {
			tokenFailures.incrementAndGet();
		}
		catch (HttpTimeoutException timeout) {
			timeouts.incrementAndGet();
		}
		catch (IOException failed) {
			// No answer: counted below like any other unexpected one.
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		if (response == null || !LoadResults.isExpected(response.statusCode())) {
			unexpectedAnswers.incrementAndGet();
		}
		if (response != null && response.statusCode() == 503
				&& response.headers().firstValue("Retry-After").isEmpty()) {
			unavailableWithoutRetryAfter.incrementAndGet();
		}
		return response;
	}

	public long retries() {
		return retries.get();
	}

	public long timeouts() {
		return timeouts.get();
	}

	/**
	 * Every answer not expected, also those a retry made good; no answer at all counts
	 * too.
	 */
	public long unexpectedAnswers() {
		return unexpectedAnswers.get();
	}

	/** 503 answers without Retry-After: a client cannot know when to come back. */
	public long unavailableWithoutRetryAfter() {
		return unavailableWithoutRetryAfter.get();
	}

	/** Attempts not sent for want of an access token (counted as no answer too). */
	public long tokenFailures() {
		return tokenFailures.get();
	}

}
