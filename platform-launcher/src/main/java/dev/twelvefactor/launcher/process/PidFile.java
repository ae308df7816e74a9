package dev.twelvefactor.launcher.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A file holding a process id. The id alone proves nothing (the process may have exited
 * and its id been reused by another), so the process counts only while it is alive, was
 * started before the file was written, and its command line holds what the writer's did.
 */
public final class PidFile {

	/**
	 * How much later than the file a process may seem to start: clocks and /proc round.
	 */
	private static final Duration CLOCK_SLACK = Duration.ofSeconds(2);

	private PidFile() {
	}

	/**
	 * The live process behind {@code pidFile} whose command line contains
	 * {@code commandLineMark}, if any.
	 */
	public static Optional<ProcessHandle> liveProcess(Path pidFile, String commandLineMark) {
		String pid;
		Instant written;
		try {
			pid = Files.readString(pidFile).strip();
			written = Files.getLastModifiedTime(pidFile).toInstant();
		}
		catch (IOException noFileOrStoppedMeanwhile) {
			return Optional.empty();
		}
		if (!pid.matches("\\d{1,19}")) {
			return Optional.empty();
		}
		return ProcessHandle.of(Long.parseLong(pid))
			.filter(process -> startedBefore(process, written.plus(CLOCK_SLACK)))
			.filter(process -> process.info().commandLine().orElse("").contains(commandLineMark));
	}

	/**
	 * A process whose start the system does not tell is judged by its command line alone.
	 */
	static boolean startedBefore(ProcessHandle process, Instant instant) {
		return process.info().startInstant().map(start -> !start.isAfter(instant)).orElse(true);
	}

	/**
	 * Writes this JVM's own id, so that another run can find it (and ./platform down stop
	 * it).
	 */
	public static void writeCurrent(Path pidFile) {
		try {
			Files.createDirectories(pidFile.toAbsolutePath().getParent());
			Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
