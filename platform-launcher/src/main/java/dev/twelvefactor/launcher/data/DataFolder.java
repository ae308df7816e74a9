package dev.twelvefactor.launcher.data;

import dev.twelvefactor.launcher.PlatformOptions;
import dev.twelvefactor.launcher.process.PidFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The platform's data folder: PostgreSQL's data, the logs, the pid files of the processes
 * it runs, the copy of config-repo/ tests change live, and the pid file of the launcher
 * itself ({@code ./platform down} reads it).
 */
public final class DataFolder {

	/**
	 * The running launcher's pid file, kept by a clean start (./platform down needs it).
	 */
	public static final String LAUNCHER_PID_FILE = "launcher.pid";

	private final PlatformOptions options;

	private final Consumer<String> log;

	public DataFolder(PlatformOptions options, Consumer<String> log) {
		this.options = options;
		this.log = log;
	}

	/** Where the running launcher of a platform with this data folder writes its pid. */
	public static Path launcherPidFile(Path dataDirectory) {
		return dataDirectory.resolve(LAUNCHER_PID_FILE);
	}

	public Path pidFileOf(String processName) {
		return pidDirectory().resolve(processName + ".pid");
	}

	public Path logFileOf(String processName) {
		return options.logDirectory().resolve(processName + ".log");
	}

	public Path postgresDirectory() {
		return options.dataDirectory().resolve("postgres");
	}

	/**
	 * Stops what an earlier run left, wipes the folder on a clean start, and lays it out
	 * for this run.
	 */
	public void prepare() {
		try {
			stopLeftovers();
			if (options.cleanStart() && Files.exists(options.dataDirectory())) {
				wipe();
			}
			Files.createDirectories(options.logDirectory());
			if (!options.configRepo().equals(options.home().resolve("config-repo"))) {
				copyConfigRepo();
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private void wipe() throws IOException {
		List<Path> kept = List.of(options.dataDirectory(), launcherPidFile(options.dataDirectory()));
		try (Stream<Path> paths = Files.walk(options.dataDirectory())) {
			paths.sorted(Comparator.reverseOrder())
				.filter(path -> !kept.contains(path))
				.forEach(path -> path.toFile().delete());
		}
	}

	private void copyConfigRepo() throws IOException {
		Path source = options.home().resolve("config-repo");
		try (Stream<Path> files = Files.walk(source)) {
			for (Path file : files.toList()) {
				Path target = options.configRepo().resolve(source.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

	/**
	 * A launcher that was itself killed cannot stop its children; its pid files let the
	 * next start find and stop them, so no process from an earlier run holds a port. Only
	 * processes started from this repository (their command line names its folder) are
	 * stopped: a pid may have been reused by anything since.
	 */
	private void stopLeftovers() throws IOException {
		if (!Files.isDirectory(pidDirectory())) {
			return;
		}
		try (Stream<Path> pidFiles = Files.list(pidDirectory())) {
			for (Path pidFile : pidFiles.toList()) {
				PidFile.liveProcess(pidFile, options.home().toString()).ifPresent(process -> {
					log.accept("Stopping leftover process " + process.pid() + " from an earlier run");
					process.destroyForcibly();
					process.onExit().join();
				});
				Files.deleteIfExists(pidFile);
			}
		}
	}

	private Path pidDirectory() {
		return options.dataDirectory().resolve("pids");
	}

}
