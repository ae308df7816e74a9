package dev.twelvefactor.cli.bench;

import dev.twelvefactor.launcher.PlatformOptions;
import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What every benchmark shares: the options, the progress log, the throughput tool, and
 * the processes it started, which are stopped when it ends, also on Ctrl-C (the shutdown
 * hook closes this).
 */
final class BenchContext implements AutoCloseable {

	private final Path home;

	private final BenchOptions options;

	private final Consumer<String> log;

	private final ThroughputMeter meter = ThroughputMeter.best();

	private final Deque<AutoCloseable> running = new ArrayDeque<>();

	private volatile boolean aborted;

	BenchContext(Path home, BenchOptions options, Consumer<String> log) {
		this.home = home;
		this.options = options;
		this.log = log;
	}

	/**
	 * Free ports and its own data folder, so that it never clashes with
	 * {@code ./platform up}; wiped on every start, so that each benchmark starts from the
	 * same empty databases.
	 */
	PlatformOptions platformOptions() {
		return PlatformOptions.forTests(home, dataDirectory());
	}

	/**
	 * Beside {@code ./platform up}'s data folder, not in it:
	 * {@code ./platform up --clean} must not wipe a benchmark's database while it
	 * measures.
	 */
	Path dataDirectory() {
		return home.resolve(".platform-bench");
	}

	/**
	 * A whole platform, as {@code ./platform up} runs it: one instance of each service,
	 * TUNED.
	 */
	LocalPlatform startPlatform() {
		LocalPlatform platform = track(LocalPlatform.create(platformOptions(), log));
		for (Service service : Service.values()) {
			if (!platform.startsFromAotCache(service)) {
				throw new IllegalStateException("No fresh AOT cache for " + service.applicationName() + ": TUNED would "
						+ "silently start the fat jar. Build first: ./mvnw -DskipTests package");
			}
		}
		try {
			platform.start();
		}
		catch (RuntimeException e) {
			stop(platform);
			throw e;
		}
		return platform;
	}

	/**
	 * Registers a process to stop at the end; refused once aborted, as nothing would stop
	 * it before the JVM exits.
	 */
	synchronized <T extends AutoCloseable> T track(T resource) {
		if (aborted) {
			closeQuietly(resource);
			throw new IllegalStateException("Aborted: nothing more is started");
		}
		running.push(resource);
		return resource;
	}

	/** Stops a process started through {@link #track} now, instead of at the end. */
	void stop(AutoCloseable resource) {
		synchronized (this) {
			if (!running.remove(resource)) {
				return;
			}
		}
		closeQuietly(resource);
	}

	/**
	 * Ctrl-C or SIGTERM: stops everything while a benchmark may still be measuring; what
	 * it measures from now on is of processes being stopped, so it must not be reported.
	 */
	void abort() {
		aborted = true;
		close();
	}

	boolean aborted() {
		return aborted;
	}

	/**
	 * Stops everything still running, newest first (nginx before the platform it proxies
	 * to).
	 */
	@Override
	public void close() {
		while (true) {
			AutoCloseable resource;
			synchronized (this) {
				resource = running.poll();
			}
			if (resource == null) {
				return;
			}
			closeQuietly(resource);
		}
	}

	private void closeQuietly(AutoCloseable resource) {
		try {
			resource.close();
		}
		catch (Exception e) {
			log.accept("Could not stop " + resource + ": " + e.getMessage());
		}
	}

	int runs() {
		return options.runs();
	}

	int clients() {
		return options.clients();
	}

	/**
	 * Where files beside the report go (the saturation curve's CSV and PNG): relative to
	 * the repository root, like {@code scripts/benchmark.sh}'s report in target/.
	 */
	Path outputDirectory() {
		return home.resolve(options.out());
	}

	/**
	 * The curve of an earlier run to compare with ({@code --compare}), read anew on each
	 * call: once before any platform starts, so that a wrong file fails in a second
	 * rather than after minutes of measuring.
	 */
	Optional<SaturationCurve> comparedCurve() throws IOException {
		if (options.compare().isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(SaturationCurve.read(home.resolve(options.compare().get())));
	}

	/**
	 * A file as the report names it: relative to the repository root when inside it, so
	 * that reports of different checkouts compare.
	 */
	String shown(Path file) {
		return file.startsWith(home) ? home.relativize(file).toString() : file.toString();
	}

	/** The commit measured, as the report's header gives it. */
	String commit() {
		return ReportHeader.commit(home);
	}

	ThroughputMeter meter() {
		return meter;
	}

	void log(String message) {
		log.accept(message);
	}

}
