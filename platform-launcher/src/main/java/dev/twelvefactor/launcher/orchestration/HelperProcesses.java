package dev.twelvefactor.launcher.orchestration;

import dev.twelvefactor.launcher.data.DataFolder;
import dev.twelvefactor.launcher.monitoring.ProcessRunner;
import dev.twelvefactor.launcher.process.ManagedProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Prometheus and the Pushgateway run like the services: a log, a pid file, SIGTERM to
 * stop.
 */
final class HelperProcesses implements ProcessRunner {

	private final DataFolder dataFolder;

	HelperProcesses(DataFolder dataFolder) {
		this.dataFolder = dataFolder;
	}

	@Override
	public AutoCloseable start(String name, List<String> command, Path workingDirectory) {
		ManagedProcess process = new ManagedProcess(name, command, Map.of(), workingDirectory,
				dataFolder.logFileOf(name), dataFolder.pidFileOf(name));
		process.start();
		return () -> process.stop(Duration.ofSeconds(10));
	}

}
