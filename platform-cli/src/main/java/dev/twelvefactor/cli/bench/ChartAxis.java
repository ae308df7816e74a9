package dev.twelvefactor.cli.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A value axis of the saturation chart: linear from zero for goodput (a fall must look as
 * large as it is), logarithmic for latency (p99 spans tens of milliseconds below the knee
 * and seconds in a collapse; on a linear axis the good curve would be a flat line on the
 * floor).
 *
 * @param ticks round values between {@code low} and {@code high}, both included
 */
record ChartAxis(double low, double high, boolean logarithmic, List<Double> ticks) {

	/** From 0 to a round value above {@code max}, with 4 to 10 ticks. */
	static ChartAxis linearFromZero(double max) {
		double top = max > 0 ? max * 1.08 : 1;
		double magnitude = Math.pow(10, Math.floor(Math.log10(top / 5)));
		double step = magnitude * 10;
		for (double multiple : new double[] { 1, 2, 5 }) {
			if (magnitude * multiple >= top / 5) {
				step = magnitude * multiple;
				break;
			}
		}
		int count = (int) Math.ceil(top / step - 1e-9);
		List<Double> ticks = new ArrayList<>();
		for (int i = 0; i <= count; i++) {
			ticks.add(round(i * step));
		}
		return new ChartAxis(0, ticks.getLast(), false, ticks);
	}

	/**
	 * From a 1, 2 or 5 below {@code min} to one above {@code max}, with room for the
	 * markers, and ticks at 1, 2 and 5 of each decade.
	 */
	static ChartAxis logarithmic(double min, double max) {
		if (!(min > 0) || !(max >= min)) {
			return logarithmic(1, 1000);
		}
		List<Double> steps = new ArrayList<>();
		for (double decade = Math.pow(10, Math.floor(Math.log10(min / 1.2))); decade <= max * 12; decade *= 10) {
			for (double multiple : new double[] { 1, 2, 5 }) {
				steps.add(round(decade * multiple));
			}
		}
		double low = steps.stream().filter(step -> step <= min / 1.2).reduce((first, second) -> second).orElseThrow();
		double high = steps.stream().filter(step -> step >= max * 1.2).findFirst().orElseThrow();
		List<Double> ticks = steps.stream().filter(step -> step >= low && step <= high).toList();
		return new ChartAxis(low, high, true, ticks);
	}

	/** Where {@code value} lies on the axis: 0 at {@code low}, 1 at {@code high}. */
	double fraction(double value) {
		return logarithmic ? Math.log(value / low) / Math.log(high / low) : (value - low) / (high - low);
	}

	/** Whether {@code value} can be drawn at all (a log axis has no place for 0). */
	boolean plots(double value) {
		return Double.isFinite(value) && (!logarithmic || value > 0);
	}

	/** A tick's label without float noise: 0.2, 50, 1500. */
	static String plain(double value) {
		return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
	}

	/** Milliseconds as people read them: 20 ms, 500 ms, 2 s. */
	static String millis(double value) {
		return value >= 1000 ? plain(value / 1000) + " s" : plain(value) + " ms";
	}

	private static double round(double value) {
		return new BigDecimal(value).round(new MathContext(6)).doubleValue();
	}

}
