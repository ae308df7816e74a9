package dev.twelvefactor.cli.bench;

import java.util.List;
import java.util.Locale;

/** The few statistics and number formats the report uses. */
final class Stats {

	private Stats() {
	}

	/**
	 * The median: robust against the odd slow run (a GC, a page-cache miss) that a mean
	 * would smear over all.
	 */
	static double median(List<Double> values) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	static double min(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
	}

	static double max(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
	}

	static double ratio(double numerator, double denominator) {
		return denominator == 0 ? Double.NaN : numerator / denominator;
	}

	/**
	 * Fixed decimals with a dot whatever the locale, so reports from different machines
	 * compare line by line.
	 */
	static String fixed(double value, int decimals) {
		return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

	/** "met" or "MISSED" for a value that must stay at or below {@code limit}. */
	static String atMost(double value, double limit) {
		return Double.isNaN(value) ? "n/a" : value <= limit ? "met" : "MISSED";
	}

	/** "met" or "MISSED" for a value that must reach at least {@code limit}. */
	static String atLeast(double value, double limit) {
		return Double.isNaN(value) ? "n/a" : value >= limit ? "met" : "MISSED";
	}

}
