package dev.twelvefactor.cli.bench;

import java.util.List;
import java.util.Optional;

/**
 * Where a saturation curve bends and whether it holds after: once the platform is busy,
 * more clients can only queue or be refused, so goodput should stay flat, not fall
 * (congestion collapse: the platform does less work, slowly). The target of issue 13 is
 * goodput at least 90% of the peak from the knee on.
 *
 * @param peak the point of most goodput
 * @param knee the fewest clients at which goodput first reaches {@link #TARGET} of the
 * peak: a noisy peak further right does not move it much
 * @param lowest the point of least goodput from the knee on (the knee itself included)
 * @param last the point of most clients measured
 */
record SaturationKnee(SaturationPoint peak, SaturationPoint knee, SaturationPoint lowest, SaturationPoint last) {

	static final double TARGET = 0.9;

	/** Empty when no order at all was accepted: nothing saturated, it failed. */
	static Optional<SaturationKnee> of(SaturationCurve curve) {
		List<SaturationPoint> points = curve.points();
		SaturationPoint peak = points.getFirst();
		for (SaturationPoint point : points) {
			if (point.goodputPerSecond() > peak.goodputPerSecond()) {
				peak = point;
			}
		}
		if (peak.goodput() == 0) {
			return Optional.empty();
		}
		double threshold = TARGET * peak.goodputPerSecond();
		SaturationPoint knee = points.stream()
			.filter(point -> point.goodputPerSecond() >= threshold)
			.findFirst()
			.orElseThrow();
		SaturationPoint lowest = knee;
		for (SaturationPoint point : points) {
			if (point.clients() >= knee.clients() && point.goodputPerSecond() < lowest.goodputPerSecond()) {
				lowest = point;
			}
		}
		return Optional.of(new SaturationKnee(peak, knee, lowest, points.getLast()));
	}

	double lowestFraction() {
		return lowest.goodputPerSecond() / peak.goodputPerSecond();
	}

	/**
	 * Whether anything was measured past the knee: a curve still rising at its last point
	 * shows no saturation to judge.
	 */
	boolean saturated() {
		return knee.clients() < last.clients();
	}

	/** Met when saturated and no point past the knee falls below the target. */
	boolean holds() {
		return saturated() && lowestFraction() >= TARGET;
	}

	/** "met", "MISSED" or why it cannot be said. */
	String verdict() {
		return !saturated() ? "n/a (no knee up to N=" + last.clients() + ")" : holds() ? "met" : "MISSED";
	}

	/**
	 * The knee in words, with the issue's own measure: goodput at four times the
	 * concurrency of the peak, when that was measured.
	 */
	String describe(SaturationCurve curve) {
		String text = ("peak %s orders/s at N=%d; knee (%s%% of the peak first reached) at N=%d; from there to N=%d "
				+ "goodput stays at or above %s/s, %s%% of the peak (lowest at N=%d): **%s** (target ≥ %s%%).")
			.formatted(Stats.fixed(peak.goodputPerSecond(), 1), peak.clients(), percent(TARGET, 0), knee.clients(),
					last.clients(), Stats.fixed(lowest.goodputPerSecond(), 1), percent(lowestFraction(), 1),
					lowest.clients(), verdict(), percent(TARGET, 0));
		SaturationPoint fourTimes = curve.at(4 * peak.clients());
		if (fourTimes != null) {
			text += " At 4× the peak's concurrency (N=%d): %s/s, %s%% of the peak.".formatted(fourTimes.clients(),
					Stats.fixed(fourTimes.goodputPerSecond(), 1),
					percent(fourTimes.goodputPerSecond() / peak.goodputPerSecond(), 1));
		}
		return text;
	}

	/** With a decimal where it is measured: 89.6% must not print as a met 90%. */
	private static String percent(double fraction, int decimals) {
		return Stats.fixed(fraction * 100, decimals);
	}

}
