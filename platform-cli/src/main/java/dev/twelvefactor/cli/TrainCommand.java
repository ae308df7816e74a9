package dev.twelvefactor.cli;

import dev.twelvefactor.launcher.PlatformOptions;
import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.launcher.secrets.Client;
import dev.twelvefactor.loadgen.LoadGenerator;
import dev.twelvefactor.loadgen.LoadResults;
import dev.twelvefactor.loadgen.LoadSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;

/**
 * {@code ./platform train [--rate 20] [--duration 60s]}: trains every service's AOT cache
 * on a real run instead of the build's refresh of the context. A platform of its own
 * (free ports, {@code .platform-train/}) starts every service recording a cache, serves
 * the load of {@code ./platform load} through the gateway with load-generator's tokens,
 * and stops gracefully; each JVM writes its cache on its way out, which then replaces the
 * build's. The cache then also holds what runs after the refresh (connections, Flyway,
 * Eureka, the first requests) and the run's method profiles. A build replaces it again.
 */
final class TrainCommand {

	/** What {@code ./platform train} was asked for, and the platform it trains on. */
	record Request(int rate, Duration duration, PlatformOptions options) {
	}

	private TrainCommand() {
	}

	static int run(Path home, Deque<String> arguments) throws IOException, InterruptedException {
		Request request = parse(home, arguments);
		Instant begin = Instant.now();
		LoadResults results = serveLoad(request);
		if (results == null) {
			return 1;
		}
		System.out.print(results.summary());
		if (results.unexpected() > 0) {
			// Expected now and then: the services start without a cache, on a cold JIT,
			// and their limits refuse what they cannot serve yet. Those paths are trained
			// too.
			PlatformCommand.print("Some requests were refused or failed while the platform warmed up (above): the "
					+ "caches hold those paths as well");
		}
		boolean complete = true;
		for (Service service : Service.values()) {
			complete &= replaceCache(request.options(), service, FileTime.from(begin));
		}
		return complete ? 0 : 1;
	}

	/**
	 * Free ports and a data folder of its own, wiped on every run: it never clashes with
	 * {@code ./platform up} and always trains on the same empty databases.
	 */
	static Request parse(Path home, Deque<String> arguments) {
		OptionValues values = OptionValues.parse(arguments, "--rate", "--duration");
		return new Request(Integer.parseInt(values.get("--rate", "20")),
				LoadCommand.duration(values.get("--duration", "60s")),
				PlatformOptions.forTests(home, home.resolve(".platform-train")).withAotTraining());
	}

	/**
	 * Starts the training platform, drives the load, stops it (also on Ctrl-C): null when
	 * it did not start.
	 */
	private static LoadResults serveLoad(Request request) throws InterruptedException {
		LocalPlatform platform = LocalPlatform.create(request.options(), PlatformCommand::print);
		Thread stopOnInterrupt = new Thread(platform::close);
		Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
		try {
			platform.start();
			PlatformCommand.print("Training: %d requests/s through the gateway for %d s".formatted(request.rate(),
					request.duration().toSeconds()));
			return new LoadGenerator(LoadSettings.of(platform.gatewayUrl(), request.rate(), request.duration()),
					TokenCommand.tokens(platform, Client.LOAD_GENERATOR))
				.run();
		}
		catch (RuntimeException e) {
			System.err.println(e.getMessage());
			return null;
		}
		finally {
			PlatformCommand.print("Stopping: every service writes its AOT cache on its way out...");
			platform.close();
			try {
				Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
			}
			catch (IllegalStateException shuttingDown) {
				// Ctrl-C: the hook runs (or ran) and closing twice does nothing more
			}
		}
	}

	/**
	 * Moves the cache a service wrote over the build's, in one step: a half-written file
	 * is never the one a start maps.
	 */
	static boolean replaceCache(PlatformOptions options, Service service, FileTime since) throws IOException {
		Path trained = options.aotTrainingOutputOf(service);
		if (!Files.isRegularFile(trained) || Files.getLastModifiedTime(trained).compareTo(since) < 0) {
			System.err.println(
					"No AOT cache from " + service.applicationName() + ": see its log in " + options.logDirectory());
			return false;
		}
		Path cache = options.aotCacheOf(service);
		Files.move(trained, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		// After the cache, so that it is newer: the launcher and the benchmarks say which
		// kind of cache they start from, and a build's cache is newer than this mark.
		Files.writeString(options.aotRunTrainingMarkOf(service),
				"trained on a real run by ./platform train, " + Instant.now() + System.lineSeparator());
		PlatformCommand.print("%s: %s (%d MB), trained on a real run".formatted(service.applicationName(), cache,
				Files.size(cache) / 1_000_000));
		return true;
	}

}
