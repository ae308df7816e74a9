package dev.twelvefactor.cli;

import dev.twelvefactor.loadgen.LoadGenerator;
import dev.twelvefactor.loadgen.LoadResults;
import dev.twelvefactor.loadgen.LoadSettings;

import java.time.Duration;
import java.util.Deque;

/**
 * {@code ./platform load [--rate 20] [--duration 30s] [--target URL]}: drives the running
 * platform's public API at a fixed rate and prints what happened; exits 1 when a client
 * saw a failure.
 */
final class LoadCommand {

	private LoadCommand() {
	}

	static int run(Deque<String> arguments) throws InterruptedException {
		LoadSettings settings;
		try {
			settings = parse(arguments);
		}
		catch (IllegalArgumentException e) {
			System.err.println(e.getMessage());
			return PlatformCommand.usage();
		}
		LoadResults results = new LoadGenerator(settings).run();
		System.out.print(results.summary());
		return results.unexpected() == 0 ? 0 : 1;
	}

	static LoadSettings parse(Deque<String> arguments) {
		int rate = 20;
		Duration duration = Duration.ofSeconds(30);
		String target = "http://127.0.0.1:8080";
		while (!arguments.isEmpty()) {
			String option = arguments.pop();
			String value = arguments.poll();
			if (value == null) {
				throw new IllegalArgumentException(option + " needs a value");
			}
			switch (option) {
				case "--rate" -> rate = Integer.parseInt(value);
				case "--duration" -> duration = duration(value);
				case "--target" -> target = value;
				default -> throw new IllegalArgumentException("Unknown option " + option);
			}
		}
		return LoadSettings.of(target, rate, duration);
	}

	/** {@code 30s}, {@code 2m} or plain seconds. */
	static Duration duration(String value) {
		if (!value.matches("\\d{1,6}[sm]?")) {
			throw new IllegalArgumentException("--duration takes seconds or minutes, e.g. 30s or 2m, not " + value);
		}
		long amount = Long.parseLong(value.replaceAll("[sm]$", ""));
		return value.endsWith("m") ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount);
	}

}
