package dev.twelvefactor.loadgen;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every outcome of a load run, per kind of request, and what the client noticed on the
 * way.
 */
public final class LoadResults {

	private final Map<RequestKind, Outcomes> outcomes = new EnumMap<>(RequestKind.class);

	private final Map<String, Set<String>> ordersByKey = new ConcurrentHashMap<>();

	private final RetryingClient client;

	private volatile long elapsedNanos;

	LoadResults(RetryingClient client) {
		this.client = client;
		for (RequestKind kind : RequestKind.values()) {
			outcomes.put(kind, new Outcomes());
		}
	}

	void record(RequestKind kind, int status, long latencyNanos) {
		outcomes.get(kind).record(status, latencyNanos);
	}

	void orderPlaced(String idempotencyKey, String orderId) {
		ordersByKey.computeIfAbsent(idempotencyKey, ignored -> ConcurrentHashMap.newKeySet()).add(orderId);
	}

	void finished(long nanos) {
		elapsedNanos = nanos;
	}

	/** What a client expects: 2xx, or 409 (insufficient stock). */
	static boolean isExpected(int status) {
		return status / 100 == 2 || status == 409;
	}

	/**
	 * Client-visible failures: requests whose final answer (after the client's retries)
	 * was not expected.
	 */
	public long unexpected() {
		long failed = 0;
		for (RequestKind kind : RequestKind.values()) {
			failed += failed(kind);
		}
		return failed;
	}

	private long failed(RequestKind kind) {
		return statuses(kind).entrySet()
			.stream()
			.filter(entry -> !isExpected(entry.getKey()))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

	/**
	 * Every answer not expected, also those a retry made good; -1 stands for no answer at
	 * all.
	 */
	public long unexpectedAnswers() {
		return client.unexpectedAnswers();
	}

	/** 503 answers without Retry-After: a client cannot know when to come back. */
	public long unavailableWithoutRetryAfter() {
		return client.unavailableWithoutRetryAfter();
	}

	/** The final status of each request of a kind, and how many ended so. */
	public Map<Integer, Long> statuses(RequestKind kind) {
		return outcomes.get(kind).statuses();
	}

	/**
	 * The order id(s) each Idempotency-Key was answered with; more than one would be a
	 * duplicate order.
	 */
	public Map<String, Set<String>> ordersByKey() {
		return Map.copyOf(ordersByKey);
	}

	public long requests() {
		return outcomes.values()
			.stream()
			.flatMap(kind -> kind.statuses().values().stream())
			.mapToLong(Long::longValue)
			.sum();
	}

	/**
	 * The longest any request took, from its first attempt to its final answer, in
	 * milliseconds.
	 */
	public double slowestMillis() {
		double seconds = elapsedNanos / 1e9;
		return outcomes.values().stream().mapToDouble(kind -> kind.summary(seconds).max()).max().orElse(0);
	}

	public long retries() {
		return client.retries();
	}

	/**
	 * Attempts that could not be sent for want of an access token (the authorization
	 * server did not give one).
	 */
	public long tokenFailures() {
		return client.tokenFailures();
	}

	/**
	 * A table: per kind, the count, the statuses seen and latency percentiles in
	 * milliseconds.
	 */
	public String summary() {
		StringBuilder table = new StringBuilder();
		table.append("%-13s %8s %8s %8s %8s %8s  %s%n".formatted("kind", "requests", "p50 ms", "p99 ms", "max ms",
				"failed", "statuses"));
		double seconds = elapsedNanos / 1e9;
		for (RequestKind kind : RequestKind.values()) {
			LatencySummary latency = outcomes.get(kind).summary(seconds);
			table.append("%-13s %8d %8.1f %8.1f %8.1f %8d  %s%n".formatted(kind, latency.requests(), latency.p50(),
					latency.p99(), latency.max(), failed(kind), statuses(kind)));
		}
		table.append(("%d requests in %.1f s, %d unexpected answers, %d client retries, %d timeouts, %d attempts "
				+ "without a token, %d client-visible failures%n")
			.formatted(requests(), seconds, unexpectedAnswers(), retries(), client.timeouts(), tokenFailures(),
					unexpected()));
		return table.toString();
	}

}
