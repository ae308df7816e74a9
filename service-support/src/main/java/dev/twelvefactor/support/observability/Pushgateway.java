package dev.twelvefactor.support.observability;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Pushes a few gauges to a Prometheus Pushgateway, for what cannot be scraped: a process
 * that is about to exit (an admin task, an instance shutting down). Does nothing when no
 * Pushgateway is configured (PUSHGATEWAY_URL).
 */
public class Pushgateway {

	private static final Logger log = LoggerFactory.getLogger(Pushgateway.class);

	private final String url;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	public Pushgateway(String url) {
		this.url = url == null || url.isBlank() ? null : url.replaceAll("/+$", "");
	}

	public boolean enabled() {
		return url != null;
	}

	/**
	 * Replaces the group's metrics with {@code gauges} (name to value, in the Prometheus
	 * text format).
	 * @param job the group's job label
	 * @param grouping further labels of the group (never "instance": Prometheus owns that
	 * one)
	 */
	public void push(String job, Map<String, String> grouping, Map<String, Double> gauges) {
		if (!enabled()) {
			return;
		}
		StringBuilder path = new StringBuilder(url).append("/metrics/job/").append(encode(job));
		grouping.forEach((label, value) -> path.append('/').append(label).append('/').append(encode(value)));
		StringBuilder body = new StringBuilder();
		gauges.forEach((name, value) -> body.append("# TYPE ")
			.append(name)
			.append(" gauge\n")
			.append(name)
			.append(' ')
			.append(value)
			.append('\n'));
		try {
			HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(path.toString()))
				.timeout(Duration.ofSeconds(3))
				.header("Content-Type", "text/plain; version=0.0.4")
				.PUT(HttpRequest.BodyPublishers.ofString(body.toString()))
				.build(), HttpResponse.BodyHandlers.discarding());
			if (response.statusCode() / 100 != 2) {
				log.warn("Pushgateway answered {} for {}", response.statusCode(), path);
			}
		}
		catch (IOException e) {
			log.warn("Could not push to the Pushgateway at {}: {}", url, e.getMessage());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
