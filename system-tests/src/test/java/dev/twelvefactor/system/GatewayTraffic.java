package dev.twelvefactor.system;

import dev.twelvefactor.launcher.secrets.Credentials;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches, from the gateway's own Prometheus endpoint, which instance each request went
 * to and what its circuit breakers did: Spring Cloud LoadBalancer counts every request
 * per chosen instance ({@code loadbalancer_requests_*{serviceInstance_port}}),
 * Resilience4j publishes each breaker's state and the calls it refused. Read every 200 ms
 * while a scenario runs, so the moment traffic to an instance stops is known to that.
 */
final class GatewayTraffic implements AutoCloseable {

	private static final Pattern REQUESTS = Pattern.compile(
			"^loadbalancer_requests_(?:success|failed)_seconds_count\\{.*serviceInstance_port=\"(\\d+)\".*} (\\S+)$");

	private static final Pattern BREAKER_STATE = Pattern.compile(
			"^resilience4j_circuitbreaker_state\\{.*name=\"([^\"]+)\",state=\"(open|half_open|forced_open)\".*} (\\S+)$");

	private static final Pattern NOT_PERMITTED = Pattern
		.compile("^resilience4j_circuitbreaker_not_permitted_calls_total\\{.*name=\"([^\"]+)\".*} (\\S+)$");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final URI metrics;

	private final Map<Integer, Double> requestsByPort = new ConcurrentHashMap<>();

	private final Map<Integer, Instant> lastRequestAt = new ConcurrentHashMap<>();

	/** Per port, each scrape's total of completed requests, by the time of the scrape. */
	private final Map<Integer, NavigableMap<Instant, Double>> totalsOverTime = new ConcurrentHashMap<>();

	private final Set<String> breakersNotClosed = ConcurrentHashMap.newKeySet();

	private final Map<String, Double> notPermittedAtStart = new ConcurrentHashMap<>();

	private final Map<String, Double> notPermitted = new ConcurrentHashMap<>();

	private final Thread poller;

	private volatile boolean running = true;

	private final String authorization;

	GatewayTraffic(String gatewayManagementUrl, Credentials monitoring) {
		this.metrics = URI.create(gatewayManagementUrl + "/actuator/prometheus");
		this.authorization = monitoring.basicAuthorization();
		scrape(true);
		this.poller = Thread.ofVirtual().name("gateway-traffic").start(this::poll);
	}

	private void poll() {
		while (running) {
			scrape(false);
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException e) {
				return;
			}
		}
	}

	private void scrape(boolean baseline) {
		String body;
		try {
			body = http
				.send(HttpRequest.newBuilder(metrics)
					.header("Authorization", authorization)
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
		}
		catch (IOException e) {
			return; // The gateway restarting: nothing to see for a moment.
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return;
		}
		Instant now = Instant.now();
		Map<Integer, Double> totals = new HashMap<>();
		for (String line : body.lines().toList()) {
			Matcher requests = REQUESTS.matcher(line);
			if (requests.matches()) {
				totals.merge(Integer.parseInt(requests.group(1)), Double.parseDouble(requests.group(2)), Double::sum);
				continue;
			}
			Matcher state = BREAKER_STATE.matcher(line);
			if (state.matches() && Double.parseDouble(state.group(3)) > 0 && !baseline) {
				breakersNotClosed.add(state.group(1) + " " + state.group(2));
				continue;
			}
			Matcher refused = NOT_PERMITTED.matcher(line);
			if (refused.matches()) {
				(baseline ? notPermittedAtStart : notPermitted).put(refused.group(1),
						Double.parseDouble(refused.group(2)));
			}
		}
		totals.forEach((port, total) -> {
			totalsOverTime.computeIfAbsent(port, ignored -> new ConcurrentSkipListMap<>()).put(now, total);
			Double before = requestsByPort.put(port, total);
			if (!baseline && (before == null || total > before)) {
				lastRequestAt.put(port, now);
			}
		});
	}

	/**
	 * When the gateway last sent a request to the instance on this port, as far as this
	 * watch saw.
	 */
	Optional<Instant> lastRequestTo(int port) {
		return Optional.ofNullable(lastRequestAt.get(port));
	}

	/**
	 * Requests to the instance on this port that completed between two moments (the load
	 * balancer counts a request when it ends: a timed-out one at its timeout).
	 */
	long requestsTo(int port, Instant from, Instant to) {
		NavigableMap<Instant, Double> totals = totalsOverTime.getOrDefault(port, new ConcurrentSkipListMap<>());
		var atStart = totals.floorEntry(from);
		var atEnd = totals.floorEntry(to);
		if (atEnd == null) {
			return 0;
		}
		return (long) (atEnd.getValue() - (atStart == null ? 0 : atStart.getValue()));
	}

	/**
	 * The last scrape, before {@code until}, that saw a request to this port complete: at
	 * most 200 ms after it did.
	 */
	Optional<Instant> lastRequestTo(int port, Instant until) {
		NavigableMap<Instant, Double> totals = totalsOverTime.getOrDefault(port, new ConcurrentSkipListMap<>())
			.headMap(until, true);
		Instant last = null;
		Double previous = null;
		for (var scrape : totals.entrySet()) {
			if (previous != null && scrape.getValue() > previous) {
				last = scrape.getKey();
			}
			previous = scrape.getValue();
		}
		return Optional.ofNullable(last);
	}

	/** The first scrape after {@code since} that saw a request to this port complete. */
	Optional<Instant> firstRequestTo(int port, Instant since) {
		NavigableMap<Instant, Double> totals = totalsOverTime.getOrDefault(port, new ConcurrentSkipListMap<>());
		var before = totals.floorEntry(since);
		double baseline = before == null ? 0 : before.getValue();
		return totals.tailMap(since, false)
			.entrySet()
			.stream()
			.filter(scrape -> scrape.getValue() > baseline)
			.map(Map.Entry::getKey)
			.findFirst();
	}

	/**
	 * Breakers seen in a state other than closed ("order-service open"), and calls they
	 * refused, since the start.
	 */
	Set<String> breakersNotClosed() {
		Set<String> seen = new TreeSet<>(breakersNotClosed);
		notPermitted.forEach((breaker, count) -> {
			if (count > notPermittedAtStart.getOrDefault(breaker, 0.0)) {
				seen.add(breaker + " refused " + (long) (count - notPermittedAtStart.getOrDefault(breaker, 0.0))
						+ " calls");
			}
		});
		return seen;
	}

	@Override
	public void close() {
		running = false;
		poller.interrupt();
		scrape(false);
	}

}
