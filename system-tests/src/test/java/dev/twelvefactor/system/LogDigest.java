package dev.twelvefactor.system;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.launcher.process.ServiceInstance;
import dev.twelvefactor.loadgen.LoadResults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The warnings and errors every instance logged since a moment, grouped and counted, for
 * a failed scenario's message: a CI run that fails keeps its failure message, not the
 * services' log files.
 */
final class LogDigest {

	/** The ECS fields of a JSON log line that tell what happened. */
	private static final Pattern LINE = Pattern.compile(
			"\"@timestamp\":\"([^\"]+)\".*?\"level\":\"(WARN|ERROR)\",\"logger\":\"([^\"]+)\".*?\"message\":\"((?:[^\"\\\\]|\\\\.){0,120})");

	private static final int MOST = 12;

	private LogDigest() {
	}

	/**
	 * An assertion's description: what is asserted, the load's outcome per kind of
	 * request, and the services' warnings and errors since the scenario began.
	 */
	static String describe(String what, LocalPlatform platform, LoadResults results, Instant since) {
		return String.join(System.lineSeparator(), what, results.summary(), since(platform, since));
	}

	/**
	 * One line per (instance, level, logger, start of the message), the most frequent
	 * first.
	 */
	static String since(LocalPlatform platform, Instant since) {
		Map<String, Long> counts = new TreeMap<>();
		for (Service service : Service.values()) {
			for (ServiceInstance instance : platform.instances(service)) {
				lines(instance).map(LINE::matcher)
					.filter(Matcher::find)
					.filter(match -> !Instant.parse(match.group(1)).isBefore(since))
					.forEach(match -> counts.merge(
							"%s %s %s: %s".formatted(instance.name(), match.group(2),
									match.group(3).substring(match.group(3).lastIndexOf('.') + 1), match.group(4)),
							1L, Long::sum));
			}
		}
		if (counts.isEmpty()) {
			return "no warning or error in the services' logs";
		}
		return counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
			.limit(MOST)
			.map(entry -> "%5d × %s".formatted(entry.getValue(), entry.getKey()))
			.collect(Collectors.joining(System.lineSeparator(), "warnings and errors logged meanwhile (" + counts.size()
					+ " kinds, the " + MOST + " most frequent):" + System.lineSeparator(), ""));
	}

	/** The instance's log lines so far; none before it wrote its log file. */
	static Stream<String> lines(ServiceInstance instance) {
		if (!Files.isRegularFile(instance.logFile())) {
			return Stream.empty();
		}
		try {
			return Files.readAllLines(instance.logFile()).stream();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
