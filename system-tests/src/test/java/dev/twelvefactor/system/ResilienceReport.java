package dev.twelvefactor.system;

import dev.twelvefactor.loadgen.LoadResults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One row per scenario, printed when the scenarios end and written to
 * {@code target/resilience-report.md} (what {@code scripts/resilience.sh} prints). A
 * scenario that failed its assertions still gets its row.
 */
final class ResilienceReport {

	/** One report for every scenario class of the run (ResilienceIT, StressIT). */
	static final ResilienceReport SHARED = new ResilienceReport();

	static final Path FILE = Path.of("target", "resilience-report.md");

	private static final String HEADER = """
			| scenario | requests | unexpected answers | client retries | client-visible failures | orders lost | duplicate orders | invariant | time to reroute / recover |
			|---|---:|---:|---:|---:|---:|---:|---|---|
			""";

	private final List<String> rows = new ArrayList<>();

	synchronized void add(String scenario, LoadResults results, OrderAudit audit, String reroute) {
		rows.add("| %s | %d | %d | %d | %d | %d | %d | %s | %s |".formatted(scenario, results.requests(),
				results.unexpectedAnswers(), results.retries(), results.unexpected(), audit.lost(), audit.duplicates(),
				audit.invariantHolds() ? "holds" : "BROKEN", reroute));
	}

	/**
	 * A scenario measured by its own clients rather than the load generator's mix: its
	 * figures in the last column.
	 */
	synchronized void addLine(String scenario, String figures) {
		rows.add("| %s | – | – | – | – | – | – | – | %s |".formatted(scenario, figures));
	}

	synchronized void write() {
		String table = HEADER + String.join(System.lineSeparator(), rows) + System.lineSeparator();
		System.out.println(System.lineSeparator() + "Resilience report" + System.lineSeparator() + table);
		try {
			Files.createDirectories(FILE.getParent());
			Files.writeString(FILE, "# Resilience report" + System.lineSeparator() + System.lineSeparator() + table);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static String seconds(Duration duration) {
		return "%.1f s".formatted(duration.toMillis() / 1000.0);
	}

}
