package dev.twelvefactor.launcher.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A local process the launcher starts and stops: output appended to one log file, pid
 * written to a pid file (so a later run can stop what a crashed launcher left behind),
 * SIGTERM to stop gracefully, SIGKILL as a crash would.
 */
public final class ManagedProcess {

	private final String name;

	private final List<String> command;

	private final Map<String, String> environment;

	private final Path workingDirectory;

	private final Path logFile;

	private final Path pidFile;

	private Process process;

	private Instant startedAt;

	public ManagedProcess(String name, List<String> command, Map<String, String> environment, Path workingDirectory,
			Path logFile, Path pidFile) {
		this.name = name;
		this.command = List.copyOf(command);
		this.environment = Map.copyOf(environment);
		this.workingDirectory = workingDirectory;
		this.logFile = logFile;
		this.pidFile = pidFile;
	}

	public synchronized void start() {
		if (isAlive()) {
			throw new IllegalStateException(name + " is already running");
		}
		try {
			Files.createDirectories(logFile.getParent());
			Files.writeString(logFile, "%n--- %s starting %s%n".formatted(Instant.now(), name),
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
			builder.environment().putAll(environment);
			startedAt = Instant.now();
			process = builder.start();
			Files.createDirectories(pidFile.getParent());
			Files.writeString(pidFile, Long.toString(process.pid()));
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not start " + name, e);
		}
	}

	/** SIGTERM: the process shuts down gracefully; SIGKILL after the timeout. */
	public synchronized void stop(Duration timeout) {
		if (process == null) {
			return;
		}
		process.destroy();
		awaitExit(timeout);
		if (process.isAlive()) {
			kill();
		}
		forgetPid();
	}

	/** SIGKILL, as a crash or an OOM kill would: no shutdown hook runs. */
	public synchronized void kill() {
		if (process == null) {
			return;
		}
		process.destroyForcibly();
		awaitExit(Duration.ofSeconds(30));
		forgetPid();
	}

	private void awaitExit(Duration timeout) {
		try {
			process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private void forgetPid() {
		try {
			Files.deleteIfExists(pidFile);
		}
		catch (IOException ignored) {
			// a stale pid file is checked against the live process table before it is
			// used
		}
	}

	public synchronized boolean isAlive() {
		return process != null && process.isAlive();
	}

	public synchronized long pid() {
		return process == null ? -1 : process.pid();
	}

	public synchronized Instant startedAt() {
		return startedAt;
	}

	public String name() {
		return name;
	}

	public Path logFile() {
		return logFile;
	}

	public Map<String, String> environment() {
		return environment;
	}

	/** The last lines of the log, to say why a process did not come up. */
	public String logTail(int lines) {
		try {
			List<String> all = Files.readAllLines(logFile);
			return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException e) {
			return "(no log: " + e.getMessage() + ")";
		}
	}

}
