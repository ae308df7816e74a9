package dev.twelvefactor.cli.bench;

import dev.twelvefactor.launcher.Executables;
import dev.twelvefactor.loadgen.Loopback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk (https://github.com/wg/wrk) against one URL with keep-alive connections and
 * reads its summary.
 */
final class Wrk implements ThroughputMeter {

	/**
	 * Two threads: one per core, the most a 2-core machine gives a load generator that
	 * shares it.
	 */
	static final int THREADS = 2;

	private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([\\d.]+)(us|ms|s|m|h)\\b");

	private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

	private static final Pattern SOCKET_ERRORS = Pattern
		.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

	private final Path binary;

	private Wrk(Path binary) {
		this.binary = binary;
	}

	static Optional<Wrk> onPath() {
		return Executables.onPath("wrk").map(Wrk::new);
	}

	@Override
	public Throughput measure(URI target, Optional<String> authorization, Duration duration, int connections) {
		Loopback.require(target);
		List<String> command = new ArrayList<>(List.of(binary.toString(), "-t" + Math.min(THREADS, connections),
				"-c" + connections, "-d" + duration.toSeconds() + "s"));
		Path script = null;
		try {
			if (authorization.isPresent()) {
				// A script, not -H: any user of the machine can read a command line.
				script = Files.createTempFile("wrk-", ".lua");
				Files.writeString(script, headerScript(authorization.get()));
				command.addAll(List.of("-s", script.toString()));
			}
			command.add(target.toString());
			Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (wrk.waitFor() != 0) {
				throw new IllegalStateException("wrk failed against " + target + ":" + System.lineSeparator() + output);
			}
			return parse(output);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not run " + binary, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running wrk", e);
		}
		finally {
			deleteQuietly(script);
		}
	}

	/**
	 * A wrk script that sends this {@code Authorization} header with every request
	 * (created owner-only, as every temporary file on a POSIX system).
	 */
	static String headerScript(String authorization) {
		if (!authorization.matches("[A-Za-z0-9 ._~+/=-]+")) {
			throw new IllegalArgumentException("Not an Authorization header value for a wrk script");
		}
		return "wrk.headers[\"Authorization\"] = \"" + authorization + "\"\n";
	}

	private static void deleteQuietly(Path file) {
		try {
			if (file != null) {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ignored) {
			// a token that expires in minutes, in a file only its owner can read
		}
	}

	@Override
	public String description() {
		return "wrk, %d threads, keep-alive connections".formatted(THREADS);
	}

	/** The summary wrk prints at the end of a run. */
	static Throughput parse(String output) {
		Matcher requests = REQUESTS.matcher(output);
		if (!requests.find()) {
			throw new IllegalArgumentException("No request count in wrk's output:" + System.lineSeparator() + output);
		}
		double seconds = Double.parseDouble(requests.group(2)) * switch (requests.group(3)) {
			case "us" -> 1e-6;
			case "ms" -> 1e-3;
			case "m" -> 60;
			case "h" -> 3600;
			default -> 1;
		};
		Matcher non2xx = NON_2XX.matcher(output);
		Matcher socketErrors = SOCKET_ERRORS.matcher(output);
		long errors = 0;
		if (socketErrors.find()) {
			for (int group = 1; group <= 4; group++) {
				errors += Long.parseLong(socketErrors.group(group));
			}
		}
		return new Throughput(Long.parseLong(requests.group(1)), non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
				errors, seconds);
	}

	/** "wrk 4.1.0 [epoll] ...", for the report header. */
	String version() {
		try {
			Process wrk = new ProcessBuilder(binary.toString(), "-v").redirectErrorStream(true).start();
			String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			wrk.waitFor();
			return output.lines().findFirst().orElse("wrk").replaceAll("\\s+Copyright.*", "").strip();
		}
		catch (IOException e) {
			return "wrk (version unknown)";
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return "wrk (version unknown)";
		}
	}

}
