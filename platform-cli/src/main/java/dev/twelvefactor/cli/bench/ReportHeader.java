package dev.twelvefactor.cli.bench;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.process.LaunchCommand;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

/**
 * The top of the report: the exact command, the commit, the machine and the tools, and
 * what the modes mean.
 */
final class ReportHeader {

	private ReportHeader() {
	}

	static String render(Path home, List<String> arguments, BenchContext context) {
		LaunchCommand launch = new LaunchCommand(context.platformOptions(), ignored -> {
		});
		MarkdownTable machine = MachineInfo.current()
			.table()
			.row("throughput tool", context.meter() instanceof Wrk wrk ? wrk.version() : context.meter().description())
			.row("nginx", Nginx.binary().map(Nginx::version).orElse("not installed"));
		return """
				# Benchmarks

				`%s`, %s, commit %s

				%s
				- **BASELINE**: `java -jar SERVICE.jar`, no JVM flag (JDK defaults: G1, heap up to 1/4 of RAM, the \
				JDK's default CDS archive).
				- **TUNED** (the platform's default): the extracted jar with %s, and jvm.options: `%s`.
				- Every section starts its own platform (embedded PostgreSQL, discovery, config, inventory, order, \
				gateway, plus Prometheus and Pushgateway when installed) on free loopback ports, data in \
				`%s`; the load generators run on the same machine.
				""".formatted(command(arguments),
				ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
				commit(home), machine.render(), caches(launch), String.join(" ", launch.jvmFlags()),
				home.relativize(context.dataDirectory()));
	}

	/**
	 * Which AOT caches TUNED starts from: the build's, or those {@code ./platform train}
	 * trained on a real run, which start sooner.
	 */
	static String caches(LaunchCommand launch) {
		List<String> trainedOnARun = Stream.of(Service.values())
			.filter(launch::cacheTrainedOnARun)
			.map(Service::applicationName)
			.toList();
		if (trainedOnARun.isEmpty()) {
			return "the AOT cache the build trained";
		}
		if (trainedOnARun.size() == Service.values().length) {
			return "the AOT cache `./platform train` trained on a real run";
		}
		return "the AOT cache the build trained (for " + String.join(", ", trainedOnARun)
				+ ": the one `./platform train` trained on a real run)";
	}

	static String command(List<String> arguments) {
		return String.join(" ", Stream.concat(Stream.of("./platform", "bench"), arguments.stream()).toList());
	}

	/** The commit measured, marked when the working tree had changes. */
	static String commit(Path home) {
		try {
			Process git = new ProcessBuilder("git", "-C", home.toString(), "describe", "--always", "--dirty",
					"--abbrev=10")
				.redirectErrorStream(true)
				.start();
			String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			return git.waitFor() == 0 ? output : "unknown";
		}
		catch (IOException e) {
			return "unknown (no git)";
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return "unknown";
		}
	}

}
