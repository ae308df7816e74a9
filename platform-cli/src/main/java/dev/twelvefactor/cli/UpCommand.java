package dev.twelvefactor.cli;

import dev.twelvefactor.launcher.PlatformOptions;
import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.data.DataFolder;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.launcher.process.PidFile;
import dev.twelvefactor.launcher.process.ServiceInstance;
import dev.twelvefactor.launcher.secrets.PlatformSecrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * {@code ./platform up [--scale SERVICE=N]... [--clean] [--data-dir DIR]} runs the
 * platform until Ctrl-C or {@code ./platform down}; both stop every process gracefully.
 */
final class UpCommand {

	private UpCommand() {
	}

	static int run(Path home, Deque<String> arguments) throws InterruptedException, IOException {
		PlatformOptions options;
		try {
			options = parse(PlatformOptions.forUser(home), arguments);
		}
		catch (IllegalArgumentException e) {
			System.err.println(e.getMessage());
			return PlatformCommand.usage();
		}
		Files.createDirectories(options.dataDirectory());
		Path pidFile = DataFolder.launcherPidFile(options.dataDirectory());
		if (PlatformCommand.runningLauncher(options.dataDirectory()).isPresent()) {
			System.err.println("The platform is already running (launcher pid " + Files.readString(pidFile).trim()
					+ "). Stop it with ./platform down.");
			return 1;
		}
		PidFile.writeCurrent(pidFile);
		LocalPlatform platform = LocalPlatform.create(options, PlatformCommand::print);
		CountDownLatch stopped = new CountDownLatch(1);
		// Installed before the start, so Ctrl-C or ./platform down also stop a platform
		// still starting.
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			PlatformCommand.print("Stopping the platform gracefully...");
			platform.close();
			try {
				Files.deleteIfExists(pidFile);
			}
			catch (IOException ignored) {
				// nothing left to clean up
			}
			PlatformCommand.print("Stopped.");
			stopped.countDown();
		}));
		try {
			platform.start();
		}
		catch (RuntimeException e) {
			System.err.println(e.getMessage());
			return 1;
		}
		System.out.println(welcome(platform));
		stopped.await();
		return 0;
	}

	static PlatformOptions parse(PlatformOptions defaults, Deque<String> arguments) {
		PlatformOptions options = defaults;
		while (!arguments.isEmpty()) {
			String argument = arguments.pop();
			switch (argument) {
				case "--clean" -> options = options.withCleanStart(true);
				case "--data-dir" -> options = options.withDataDirectory(Path.of(value(argument, arguments)));
				case "--scale" -> {
					String[] scale = value(argument, arguments).split("=", 2);
					if (scale.length != 2 || !scale[1].matches("\\d{1,3}")) {
						throw new IllegalArgumentException("--scale takes SERVICE=N, not " + String.join("=", scale));
					}
					options = options.withInstances(Service.byName(scale[0]), Integer.parseInt(scale[1]));
				}
				default -> throw new IllegalArgumentException("Unknown option " + argument);
			}
		}
		return options;
	}

	private static String value(String option, Deque<String> arguments) {
		if (arguments.isEmpty()) {
			throw new IllegalArgumentException(option + " needs a value");
		}
		return arguments.pop();
	}

	/** Where everything listens, how to sign in, and what to try first. */
	static String welcome(LocalPlatform platform) {
		StringBuilder text = new StringBuilder(System.lineSeparator());
		text.append("The platform is up. Logs: ")
			.append(platform.options().logDirectory())
			.append(System.lineSeparator());
		for (Service service : Service.values()) {
			for (ServiceInstance instance : platform.instances(service)) {
				text.append("  %-20s %s   actuator %s/actuator%n".formatted(instance.name(), instance.url(),
						instance.managementUrl()));
			}
		}
		text.append("  %-20s 127.0.0.1:%d (databases inventory, orders)%n".formatted("postgresql",
				platform.postgresPort()));
		platform.prometheusUrl().ifPresent(url -> text.append("  %-20s %s%n".formatted("prometheus", url)));
		platform.zipkinUrl().ifPresent(url -> text.append("  %-20s %s%n".formatted("zipkin (traces)", url)));
		platform.pushgatewayUrl().ifPresent(url -> text.append("  %-20s %s%n".formatted("pushgateway", url)));
		text.append(System.lineSeparator())
			.append("Eureka dashboard: %s (user eureka)%n".formatted(platform.instance(Service.DISCOVERY).url()))
			.append(signIn(platform.options(), platform.gatewayUrl()))
			.append("Try:  curl -s %s/api/inventory/products%n".formatted(platform.gatewayUrl()))
			.append("Stop: Ctrl-C, or ./platform down from another terminal")
			.append(System.lineSeparator());
		if (Stream.of(Service.values()).anyMatch(service -> !platform.aotCacheTrainedOnARun(service))) {
			text.append("Faster starts: ./platform train (about 3 minutes) trains the AOT caches on a real run")
				.append(System.lineSeparator());
		}
		return text.toString();
	}

	/**
	 * Where the passwords are (never the passwords: this goes to a terminal and its
	 * scrollback), the Swagger UI, and how to call the API with a token.
	 */
	static String signIn(PlatformOptions options, String gatewayUrl) {
		Path dataDirectory = options.dataDirectory();
		String dataDirOption = dataDirectory.equals(PlatformOptions.forUser(options.home()).dataDirectory()) ? ""
				: " --data-dir " + dataDirectory;
		return """
				Swagger UI:       %s/swagger-ui.html (Authorize, then log in as the demo user)
				Demo user:        demo; its password (DEMO_USER_PASSWORD) and the others are in %s
				Orders need a token: curl -s -H "Authorization: Bearer $(./platform token%s)" %s/api/orders
				""".formatted(gatewayUrl, PlatformSecrets.fileIn(dataDirectory), dataDirOption, gatewayUrl);
	}

}
