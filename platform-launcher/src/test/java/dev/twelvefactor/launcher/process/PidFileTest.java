package dev.twelvefactor.launcher.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PidFileTest {

	@Test
	void aProcessCountsOnlyWhileAliveAndWithTheMarkInItsCommandLine(@TempDir Path folder) throws Exception {
		Path pidFile = folder.resolve("pids").resolve("me.pid");
		PidFile.writeCurrent(pidFile);
		String java = ProcessHandle.current().info().command().orElseThrow();

		assertThat(PidFile.liveProcess(pidFile, java))
			.hasValueSatisfying(process -> assertThat(process.pid()).isEqualTo(ProcessHandle.current().pid()));
		assertThat(PidFile.liveProcess(pidFile, "a mark no command line holds")).isEmpty();
		assertThat(PidFile.liveProcess(folder.resolve("missing.pid"), java)).isEmpty();

		Files.writeString(pidFile, "not a pid");
		assertThat(PidFile.liveProcess(pidFile, java)).isEmpty();
	}

	/**
	 * A pid file older than the process behind its id: the process that wrote it exited
	 * and the id went to another, which must not be taken for it (and stopped).
	 */
	@Test
	void aProcessStartedAfterThePidFileWasWrittenIsAnotherOne(@TempDir Path folder) throws Exception {
		Path pidFile = folder.resolve("me.pid");
		PidFile.writeCurrent(pidFile);
		Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
		Files.setLastModifiedTime(pidFile, FileTime.from(started.minus(Duration.ofMinutes(5))));
		String java = ProcessHandle.current().info().command().orElseThrow();

		assertThat(PidFile.liveProcess(pidFile, java)).isEmpty();
		assertThat(PidFile.startedBefore(ProcessHandle.current(), started.plusSeconds(1))).isTrue();
	}

}
