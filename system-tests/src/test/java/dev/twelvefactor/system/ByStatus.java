package dev.twelvefactor.system;

import dev.twelvefactor.loadgen.Outcomes;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Outcomes kept apart by what the answer means: served, refused, other, none. */
final class ByStatus {

	private final Outcomes served = new Outcomes();

	private final Outcomes refused = new Outcomes();

	private final Outcomes other = new Outcomes();

	private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();

	Outcomes of(int status) {
		statuses.computeIfAbsent(status, ignored -> new AtomicInteger()).incrementAndGet();
		return switch (status) {
			case 200, 201, 202 -> served;
			case 429, 503 -> refused;
			default -> other;
		};
	}

	Outcomes served() {
		return served;
	}

	Outcomes refused() {
		return refused;
	}

	Outcomes other() {
		return other;
	}

	long noAnswer() {
		return other.statuses().getOrDefault(Outcomes.NO_ANSWER, 0L);
	}

	Map<Integer, Integer> statuses() {
		Map<Integer, Integer> counts = new TreeMap<>();
		statuses.forEach((status, count) -> counts.put(status, count.get()));
		return counts;
	}

}
