package dev.twelvefactor.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The saturation curve of one run, and its CSV: the file a later run reads with
 * {@code --compare} to draw "before" beside "after", so that before needs no second
 * checkout and build when after is measured. Counts and seconds are stored, rates derived
 * (their columns are for people and spreadsheets and are not read back).
 *
 * @param label what was measured, e.g. "commit 0e6806c1a2, 2025-06-01 10:00 UTC"; the
 * CSV's first line
 * @param points by number of clients
 */
record SaturationCurve(String label, List<SaturationPoint> points) {

	static final List<String> COLUMNS = List.of("clients", "seconds", "goodput", "goodput_per_s", "refusals",
			"refusals_per_s", "refusal_p99_ms", "others", "errors", "p50_ms", "p99_ms", "max_ms");

	SaturationCurve {
		points = points.stream().sorted(Comparator.comparingInt(SaturationPoint::clients)).toList();
		if (points.isEmpty()) {
			throw new IllegalArgumentException("A curve needs at least one point");
		}
	}

	/** The same points under another name, e.g. "before: " and the label it had. */
	SaturationCurve named(String prefix) {
		return new SaturationCurve(prefix + ": " + label, points);
	}

	/** The curve's point at {@code clients}, or null when it was not measured there. */
	SaturationPoint at(int clients) {
		return points.stream().filter(point -> point.clients() == clients).findFirst().orElse(null);
	}

	String csv() {
		StringBuilder text = new StringBuilder("# ").append(label.replace('\n', ' ')).append('\n');
		text.append(String.join(",", COLUMNS)).append('\n');
		for (SaturationPoint point : points) {
			text.append(String.join(",", String.valueOf(point.clients()), number(point.seconds()),
					String.valueOf(point.goodput()), number(point.goodputPerSecond()), String.valueOf(point.refusals()),
					number(point.refusalsPerSecond()), number(point.refusalP99()), String.valueOf(point.others()),
					String.valueOf(point.errors()), number(point.p50()), number(point.p99()), number(point.max())))
				.append('\n');
		}
		return text.toString();
	}

	void write(Path file) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.writeString(file, csv(), StandardCharsets.UTF_8);
	}

	/**
	 * The curve in a CSV this class wrote (columns by name, so that one added later does
	 * not break an older file).
	 */
	static SaturationCurve read(Path file) throws IOException {
		try {
			return parse(Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
		}
	}

	static SaturationCurve parse(String csv) {
		List<String> lines = csv.lines().filter(line -> !line.isBlank()).toList();
		String label = lines.stream()
			.filter(line -> line.startsWith("#"))
			.findFirst()
			.map(line -> line.substring(1).strip())
			.orElse("unlabelled");
		List<String> rows = lines.stream().filter(line -> !line.startsWith("#")).toList();
		if (rows.isEmpty()) {
			throw new IllegalArgumentException("no header line");
		}
		List<String> header = Arrays.asList(rows.getFirst().strip().split(","));
		List<SaturationPoint> points = new ArrayList<>();
		for (int i = 1; i < rows.size(); i++) {
			String[] cells = rows.get(i).split(",", -1);
			if (cells.length != header.size()) {
				throw new IllegalArgumentException(
						"line %d has %d cells, the header %d".formatted(i + 1, cells.length, header.size()));
			}
			Row row = new Row(header, cells);
			points.add(new SaturationPoint((int) row.count("clients"), row.number("seconds"), row.count("goodput"),
					row.count("refusals"), row.count("others"), row.count("errors"), row.number("p50_ms"),
					row.number("p99_ms"), row.number("max_ms"), row.number("refusal_p99_ms")));
		}
		return new SaturationCurve(label, points);
	}

	/** Three decimals, a dot whatever the locale; empty for "no such answer". */
	private static String number(double value) {
		return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.3f", value);
	}

	private record Row(List<String> header, String[] cells) {

		String cell(String column) {
			int index = header.indexOf(column);
			if (index < 0) {
				throw new IllegalArgumentException("no column " + column);
			}
			return cells[index].strip();
		}

		long count(String column) {
			try {
				return Long.parseLong(cell(column));
			}
			catch (NumberFormatException e) {
				throw new IllegalArgumentException(column + " is not a count: " + cell(column), e);
			}
		}

		double number(String column) {
			String value = cell(column);
			try {
				return value.isEmpty() ? Double.NaN : Double.parseDouble(value);
			}
			catch (NumberFormatException e) {
				throw new IllegalArgumentException(column + " is not a number: " + value, e);
			}
		}

	}

}
