package dev.twelvefactor.cli.bench;

import dev.twelvefactor.launcher.data.DataFolder;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.launcher.process.PidFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * {@code ./platform bench}: runs the chosen benchmarks one after the other, each on a
 * platform of its own, and prints a Markdown report on stdout (progress goes to stderr,
 * so that the report can be redirected on its own). Not a test: the numbers depend on the
 * machine, so they are reported, not asserted.
 */
public final class BenchCommand {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

	private static final Map<BenchOptions.Section, Benchmark> BENCHMARKS = Map.of(BenchOptions.Section.STARTUP,
			new StartupBench(), BenchOptions.Section.MEMORY, new MemoryBench(), BenchOptions.Section.GATEWAY,
			new GatewayBench(), BenchOptions.Section.ORDERS, new OrdersBench(), BenchOptions.Section.SATURATION,
			new SaturationBench(), BenchOptions.Section.PROFILE, new GatewayProfile());

	private BenchCommand() {
	}

	/**
	 * Returns the exit code: 0, 1 when a benchmark failed, 2 for wrong arguments.
	 * {@code commandLineMark} tells the command's own processes from others that reuse a
	 * stale pid.
	 */
	public static int run(Path home, Deque<String> arguments, String commandLineMark) throws IOException {
		List<String> given = List.copyOf(arguments);
		BenchOptions options;
		try {
			options = BenchOptions.parse(arguments);
		}
		catch (IllegalArgumentException e) {
			System.err.println(e.getMessage() + System.lineSeparator() + "Usage: " + BenchOptions.USAGE);
			return 2;
		}
		BenchContext context = new BenchContext(home, options, BenchCommand::progress);
		try {
			context.comparedCurve();
		}
		catch (IOException | IllegalArgumentException e) {
			System.err.println("--compare: cannot read " + e.getMessage());
			return 2;
		}
		Path pidFile = DataFolder.launcherPidFile(context.dataDirectory());
		if (PidFile.liveProcess(pidFile, commandLineMark).isPresent()) {
			System.err
				.println("A benchmark is already running (pid in " + pidFile + "); they would disturb each other.");
			return 1;
		}
		PidFile.writeCurrent(pidFile);
		// Ctrl-C: stop every process a benchmark started; System.exit at the end runs
		// this too (then a no-op).
		Runtime.getRuntime().addShutdownHook(new Thread(context::abort));
		try {
			System.out.println(ReportHeader.render(home, given, context));
			boolean failed = false;
			for (BenchOptions.Section section : options.sections()) {
				if (context.aborted()) {
					return 1;
				}
				failed |= !runOne(BENCHMARKS.get(section), context);
			}
			return failed ? 1 : 0;
		}
		finally {
			context.close();
			Files.deleteIfExists(pidFile);
		}
	}

	private static boolean runOne(Benchmark benchmark, BenchContext context) {
		Instant begin = Instant.now();
		progress("=== " + benchmark.title());
		String body;
		boolean succeeded = true;
		LocalPlatform platform = null;
		try {
			platform = context.startPlatform();
			body = benchmark.run(platform, context);
			if (context.aborted()) {
				succeeded = false;
				body = "**Aborted** (Ctrl-C or SIGTERM): its processes were stopped while it measured."
						+ System.lineSeparator();
			}
		}
		catch (Exception | AssertionError e) {
			succeeded = false;
			body = "**Failed**: " + e + System.lineSeparator();
			e.printStackTrace();
		}
		finally {
			if (platform != null) {
				context.stop(platform);
			}
		}
		System.out.printf("## %s%n%n%s%n_%s: %d s_%n%n", benchmark.title(), body, benchmark.title(),
				Duration.between(begin, Instant.now()).toSeconds());
		System.out.flush();
		return succeeded;
	}

	private static void progress(String message) {
		System.err.println("[bench " + LocalTime.now().format(TIME) + "] " + message);
	}

}
