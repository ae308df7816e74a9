package dev.twelvefactor.launcher.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A file holding a process id. The id alone proves nothing (the process may have exited
 * and its id been reused), so the process counts only while it is alive and its command
 * line holds what the writer's did.
 */
public final class PidFile {

	private PidFile() {
	}

	/**
	 * The live process behind {@code pidFile} whose command line contains
	 * {@code commandLineMark}, if any.
	 */
	public static Optional<ProcessHandle> liveProcess(Path pidFile, String commandLineMark) {
		String pid;
		try {
			pid = Files.readString(pidFile).strip();
		}
		catch (IOException noFileOrStoppedMeanwhile) {
			return Optional.empty();
		}
		if (!pid.matches("\\d{1,19}")) {
			return Optional.empty();
		}
		return ProcessHandle.of(Long.parseLong(pid))
			.filter(process -> process.info().commandLine().orElse("").contains(commandLineMark));
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
