package dev.twelvefactor.cli.bench;

import dev.twelvefactor.loadgen.ClosedLoopDriver;
import dev.twelvefactor.loadgen.LatencySummary;
import dev.twelvefactor.loadgen.Outcomes;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * What {@code clients} concurrent order creators got in one measured window of the
 * saturation curve. Goodput counts only orders accepted (201, 202): past saturation a
 * server that answers everything with errors must not look busy. Latencies in
 * milliseconds, NaN when there was no such answer.
 *
 * @param goodput answers 201 or 202
 * @param refusals answers 503 or 429: the server said no, which is fine when it says so
 * fast
 * @param others any other answer (500, 504, a 200 replay, ...)
 * @param errors no answer: connection error or the client's timeout
 * @param p50 of the goodput answers, as {@code p99} and {@code max}
 * @param refusalP99 of the refusals
 */
record SaturationPoint(int clients, double seconds, long goodput, long refusals, long others, long errors, double p50,
		double p99, double max, double refusalP99) {

	/** What an answer counts as. */
	enum Answer {

		GOODPUT, REFUSAL, OTHER, NO_ANSWER;

		static Answer of(int status) {
			return switch (status) {
				case 201, 202 -> GOODPUT;
				case 503, 429 -> REFUSAL;
				case Outcomes.NO_ANSWER -> NO_ANSWER;
				default -> OTHER;
			};
		}

	}

	SaturationPoint {
		if (clients < 1 || !(seconds > 0)) {
			throw new IllegalArgumentException("A point needs clients >= 1 and seconds > 0");
		}
	}

	/**
	 * Runs {@code driver} (of {@code clients} clients) for {@code duration}, keeping the
	 * latencies of each kind of answer apart.
	 */
	static SaturationPoint measure(ClosedLoopDriver driver, int clients, Duration duration) {
		Map<Answer, Outcomes> byAnswer = new EnumMap<>(Answer.class);
		for (Answer answer : Answer.values()) {
			byAnswer.put(answer, new Outcomes());
		}
		double seconds = driver.run(duration, status -> byAnswer.get(Answer.of(status)));
		LatencySummary goodput = byAnswer.get(Answer.GOODPUT).summary(seconds);
		LatencySummary refusals = byAnswer.get(Answer.REFUSAL).summary(seconds);
		return new SaturationPoint(clients, seconds, goodput.requests(), refusals.requests(),
				byAnswer.get(Answer.OTHER).summary(seconds).requests(),
				byAnswer.get(Answer.NO_ANSWER).summary(seconds).requests(), orNaN(goodput, goodput.p50()),
				orNaN(goodput, goodput.p99()), orNaN(goodput, goodput.max()), orNaN(refusals, refusals.p99()));
	}

	/** An empty histogram answers 0 ms, which would read as "fast". */
	private static double orNaN(LatencySummary summary, double millis) {
		return summary.requests() == 0 ? Double.NaN : millis;
	}

	double goodputPerSecond() {
		return goodput / seconds;
	}

	double refusalsPerSecond() {
		return refusals / seconds;
	}

	@Override
	public String toString() {
		return "N=%d: %s accepted/s (p99 %s ms), %s refused/s (p99 %s ms), %d other, %d no answer".formatted(clients,
				Stats.fixed(goodputPerSecond(), 1), Stats.fixed(p99, 1), Stats.fixed(refusalsPerSecond(), 1),
				Stats.fixed(refusalP99, 1), others, errors);
	}

}
