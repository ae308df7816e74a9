package dev.twelvefactor.system;

import dev.twelvefactor.loadgen.LoadHttp;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One more client beside the overload that reads every answer in full: each refusal must
 * tell the client what happened (problem+json) and when to come back (Retry-After).
 */
final class RefusalCheck {

	private final List<String> bad = new CopyOnWriteArrayList<>();

	private final Thread client;

	private RefusalCheck(Supplier<HttpRequest> request) {
		HttpClient http = LoadHttp.client();
		this.client = Thread.ofVirtual().start(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				try {
					HttpResponse<String> answer = http.send(request.get(), HttpResponse.BodyHandlers.ofString());
					if (answer.statusCode() == 503 || answer.statusCode() == 429) {
						check(answer);
						// Well behaved, as the other clients: back after the wait.
						Thread.sleep(Duration.ofSeconds(1));
					}
				}
				catch (InterruptedException e) {
					return;
				}
				catch (IOException e) {
					bad.add("no answer: " + e);
				}
			}
		});
	}

	static RefusalCheck during(Supplier<HttpRequest> request) {
		return new RefusalCheck(request);
	}

	private void check(HttpResponse<String> answer) {
		Function<String, String> header = name -> answer.headers().firstValue(name).orElse("");
		if (!header.apply("Content-Type").startsWith("application/problem+json")
				|| !header.apply("Retry-After").matches("\\d+")) {
			bad.add(answer.statusCode() + " " + answer.headers().map() + " " + answer.body());
		}
	}

	List<String> stop() throws InterruptedException {
		client.interrupt();
		client.join();
		return bad.stream().limit(5).toList();
	}

}
