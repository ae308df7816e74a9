package dev.twelvefactor.cli.logs;

import dev.twelvefactor.launcher.PlatformOptions;
import dev.twelvefactor.launcher.Service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Deque;
import java.util.List;

/**
 * {@code ./platform logs [SERVICE] [--trace ID] [--follow]}: what the instances of the
 * local platform logged, every instance's lines merged in time order, one readable line
 * each (time, instance, level, logger, message, trace id), instead of JSON files side by
 * side. {@code --trace} keeps the lines of one request: the id a problem's
 * {@code traceId} or the gateway's {@code X-Trace-Id} names. {@code --follow} goes on
 * printing what is written, until Ctrl-C. A person on a laptop needs no log store; the
 * lines are the same JSON a log store collects in compose and Kubernetes.
 */
public final class LogsCommand {

	/** How often a follower looks for new lines. */
	static final Duration POLL = Duration.ofMillis(500);

	private LogsCommand() {
	}

	/** What {@code ./platform logs} was asked for. */
	record Request(String service, String traceId, boolean follow) {

		static Request parse(Deque<String> arguments) {
			String service = "";
			String traceId = "";
			boolean follow = false;
			while (!arguments.isEmpty()) {
				String argument = arguments.pop();
				switch (argument) {
					case "--trace" -> {
						if (arguments.isEmpty()) {
							throw new IllegalArgumentException("--trace needs a trace id");
						}
						traceId = arguments.pop();
					}
					case "--follow", "-f" -> follow = true;
					default -> {
						if (argument.startsWith("-") || !service.isEmpty()) {
							throw new IllegalArgumentException("Unknown option " + argument);
						}
						service = Service.byName(argument).applicationName();
					}
				}
			}
			return new Request(service, traceId, follow);
		}

	}

	public static int run(PlatformOptions options, Deque<String> arguments) throws InterruptedException {
		Request request = Request.parse(arguments);
		Path directory = options.logDirectory();
		if (!Files.isDirectory(directory)) {
			System.err.println("No logs in " + directory + ": start the platform with ./platform up");
			return 1;
		}
		LogFiles files = new LogFiles(directory, request.service(), request.traceId());
		print(files.read());
		while (request.follow()) {
			Thread.sleep(POLL);
			print(files.read());
		}
		return 0;
	}

	private static void print(List<LogLine> lines) {
		lines.forEach((line) -> System.out.println(line.text()));
		System.out.flush();
	}

}
