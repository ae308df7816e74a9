package dev.twelvefactor.cli.logs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The log files of the instances of one service, or of all, read from where the last read
 * ended: the first read gives every line so far, each later one the lines added since (a
 * follower's poll). Lines of all files come merged in time order.
 */
final class LogFiles {

	private final Path directory;

	private final Predicate<String> instances;

	private final Predicate<LogLine> wanted;

	/** How far each file was read, and the time of its last line. */
	private final Map<Path, Long> positions = new HashMap<>();

	private final Map<Path, Instant> lastTimes = new HashMap<>();

	/**
	 * {@code service}: only its instances' files ({@code order-service-1.log}, ...), all
	 * if empty; {@code traceId}: only the lines of that trace, all if empty.
	 */
	LogFiles(Path directory, String service, String traceId) {
		this.directory = directory;
		// The services' instances (order-service-1, ...), not the helper processes'
		// (Prometheus, Zipkin), whose logs are no JSON of the platform's.
		this.instances = (instance) -> instance
			.matches((service.isEmpty() ? "[a-z-]+" : Pattern.quote(service)) + "-\\d+");
		this.wanted = (line) -> traceId.isEmpty() || traceId.equals(line.traceId());
	}

	/** The lines added since the last read, in time order. */
	List<LogLine> read() {
		List<LogLine> lines = new ArrayList<>();
		for (Path file : files()) {
			String instance = instanceOf(file);
			Instant time = lastTimes.getOrDefault(file, Instant.EPOCH);
			for (String raw : newLines(file)) {
				LogLine line = LogLine.parse(instance, raw, time);
				time = line.time();
				if (wanted.test(line)) {
					lines.add(line);
				}
			}
			lastTimes.put(file, time);
		}
		lines.sort(Comparator.comparing(LogLine::time));
		return lines;
	}

	private List<Path> files() {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.toString().endsWith(".log"))
				.filter((file) -> instances.test(instanceOf(file)))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + directory, ex);
		}
	}

	/**
	 * The instance a log file is of: {@code order-service-1.log} is order-service-1's.
	 */
	private static String instanceOf(Path file) {
		return file.getFileName().toString().replaceFirst("\\.log$", "");
	}

	/** Whole lines only: a line still being written is read at the next poll. */
	private List<String> newLines(Path file) {
		try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
			long from = positions.getOrDefault(file, 0L);
			if (in.length() < from) {
				// The file was started anew (a clean start): from its beginning.
				from = 0;
			}
			byte[] bytes = new byte[(int) (in.length() - from)];
			in.seek(from);
			in.readFully(bytes);
			int end = lastNewline(bytes);
			positions.put(file, from + end + 1);
			if (end < 0) {
				return List.of();
			}
			return new String(bytes, 0, end, StandardCharsets.UTF_8).lines().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

	private static int lastNewline(byte[] bytes) {
		for (int i = bytes.length - 1; i >= 0; i--) {
			if (bytes[i] == '\n') {
				return i;
			}
		}
		return -1;
	}

}
