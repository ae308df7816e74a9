package dev.twelvefactor.cli;

import dev.twelvefactor.cli.bench.BenchCommand;
import dev.twelvefactor.cli.logs.LogsCommand;
import dev.twelvefactor.launcher.PlatformOptions;
import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.admin.AdminRun;
import dev.twelvefactor.launcher.data.DataFolder;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.launcher.process.PidFile;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The {@code ./platform} command: {@code up}, {@code down}, {@code refresh},
 * {@code admin}, {@code load}, {@code train}, {@code logs}, {@code token} and
 * {@code bench} (see {@link #usage()}). The {@code platform} script runs it with
 * {@code -Dplatform.home} set to the repository root.
 */
public final class PlatformCommand {

	/**
	 * What the command line of a running {@code ./platform} holds (the jar's name): a pid
	 * file alone may name a pid the system has since given to another process.
	 */
	public static final String COMMAND_LINE_MARK = "platform-cli";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

	private PlatformCommand() {
	}

	public static void main(String[] args) throws Exception {
		Path home = Path.of(System.getProperty("platform.home", ".")).toAbsolutePath().normalize();
		Deque<String> arguments = new ArrayDeque<>(List.of(args));
		String command = arguments.isEmpty() ? "help" : arguments.pop();
		System.exit(run(home, command, arguments));
	}

	/** A wrong argument gets its one-line reason and the usage, not a stack trace. */
	private static int run(Path home, String command, Deque<String> arguments) throws Exception {
		try {
			return switch (command) {
				case "up" -> UpCommand.run(home, arguments);
				case "down" -> down(runningWith(home, arguments), arguments);
				case "admin" -> admin(runningWith(home, arguments), arguments);
				case "refresh" ->
					admin(runningWith(home, arguments), new ArrayDeque<>(List.of("config-service", "refresh-all")));
				case "load" -> LoadCommand.run(home, arguments);
				case "train" -> TrainCommand.run(home, arguments);
				case "token" -> TokenCommand.run(home, arguments);
				case "logs" -> LogsCommand.run(runningWith(home, arguments), arguments);
				case "bench" -> BenchCommand.run(home, arguments, COMMAND_LINE_MARK);
				default -> usage();
			};
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			return usage();
		}
	}

	/**
	 * Runs a one-off admin task beside the running platform, with its configuration and
	 * database.
	 */
	private static int admin(PlatformOptions options, Deque<String> arguments) {
		if (arguments.size() < 2) {
			return usage();
		}
		if (runningLauncher(options.dataDirectory()).isEmpty()) {
			System.err.println("The platform is not running: start it with ./platform up");
			return 1;
		}
		Service service = Service.byName(arguments.pop());
		AdminRun run = LocalPlatform.attach(options, PlatformCommand::print)
			.runAdminTask(service, List.copyOf(arguments));
		System.out.print(run.output());
		return run.exitCode();
	}

	private static int down(PlatformOptions options, Deque<String> arguments) {
		if (!arguments.isEmpty()) {
			throw new IllegalArgumentException("Unknown option " + arguments.peek());
		}
		Optional<ProcessHandle> launcher = runningLauncher(options.dataDirectory());
		if (launcher.isEmpty()) {
			print("The platform is not running.");
			return 0;
		}
		print("Asking launcher " + launcher.get().pid() + " to stop the platform...");
		launcher.get().destroy();
		launcher.get().onExit().join();
		print("Stopped.");
		return 0;
	}

	/**
	 * The options of the platform a command acts on: {@code ./platform up}'s defaults, or
	 * the data folder that {@code --data-dir DIR} (first) names.
	 */
	private static PlatformOptions runningWith(Path home, Deque<String> arguments) {
		PlatformOptions options = PlatformOptions.forUser(home);
		if ("--data-dir".equals(arguments.peek())) {
			arguments.pop();
			if (arguments.isEmpty()) {
				throw new IllegalArgumentException("--data-dir needs a value");
			}
			options = options.withDataDirectory(Path.of(arguments.pop()));
		}
		return options;
	}

	/** The {@code ./platform up} running with this data folder, if any. */
	static Optional<ProcessHandle> runningLauncher(Path dataDirectory) {
		return PidFile.liveProcess(DataFolder.launcherPidFile(dataDirectory), COMMAND_LINE_MARK);
	}

	static int usage() {
		System.err.println("""
				Usage:
				  ./platform up [--scale order-service=N] [--scale inventory-service=N] [--clean] [--data-dir DIR]
				  ./platform down [--data-dir DIR]
				  ./platform refresh [--data-dir DIR]        apply config-repo/ to every running instance (no restart)
				  ./platform load [--rate 20] [--duration 30s] [--target http://127.0.0.1:8080] [--data-dir DIR]
				  ./platform train [--rate 20] [--duration 60s]
				                                           trains the services' AOT caches on a real run (a platform
				                                           of its own under that load), replacing the build's
				  ./platform logs [--data-dir DIR] [SERVICE] [--trace ID] [--follow]
				                                           every instance's log lines merged in time order,
				                                           readable; --trace: one request's (X-Trace-Id, traceId)
				  ./platform token [--client platform-cli|load-generator] [--data-dir DIR]
				                                           prints an access token (default client: platform-cli), e.g.
				                                           curl -H "Authorization: Bearer $(./platform token)" \\
				                                           http://127.0.0.1:8080/api/orders
				  ./platform bench [startup|memory|gateway|orders|saturation|all|profile] [--runs 5]
				                   [--clients 16] [--compare BEFORE.csv] [--out target]
				                                           benchmarks on a platform of their own; a Markdown report
				                                           (saturation also writes saturation.csv and .png to --out;
				                                           profile: the gateway's JFR recording under load and its
				                                           hottest frames, gateway-profile.jfr in --out)
				  ./platform admin [--data-dir DIR] SERVICE TASK [ARGS...]
				                                           e.g. admin inventory-service restock KB-001 50
				                                           admin inventory-service stock-report
				                                           admin order-service reconcile
				""");
		return 2;
	}

	static void print(String message) {
		System.out.println("[platform " + LocalTime.now().format(TIME) + "] " + message);
	}

}
