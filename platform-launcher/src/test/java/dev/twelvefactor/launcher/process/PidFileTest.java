package dev.twelvefactor.launcher.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

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

}
