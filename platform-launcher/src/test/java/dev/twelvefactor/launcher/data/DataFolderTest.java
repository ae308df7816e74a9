package dev.twelvefactor.launcher.data;

import dev.twelvefactor.launcher.PlatformOptions;
import dev.twelvefactor.launcher.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DataFolderTest {

	@TempDir
	Path home;

	@Test
	void aCleanStartKeepsOnlyTheLauncherPidAndCopiesConfigRepo() throws Exception {
		PlatformOptions options = TestHome.options(home);
		Path data = options.dataDirectory();
		Files.createDirectories(data.resolve("postgres"));
		Files.writeString(data.resolve("postgres").resolve("PG_VERSION"), "17");
		Files.writeString(DataFolder.launcherPidFile(data), "1");

		new DataFolder(options, message -> {
		}).prepare();

		assertThat(data.resolve("postgres")).doesNotExist();
		assertThat(DataFolder.launcherPidFile(data)).exists();
		assertThat(options.logDirectory()).isDirectory();
		assertThat(options.configRepo()).isEqualTo(data.resolve("config-repo"));
		assertThat(options.configRepo().resolve("application.yml")).hasContent("greeting: hello");
	}

	@Test
	void stopsWhatAnEarlierRunFromThisRepositoryLeftAndNothingElse() throws Exception {
		PlatformOptions options = TestHome.options(home);
		DataFolder folder = new DataFolder(options, message -> {
		});
		Process leftover = TestHome.idleProcess(home.toString()).start();
		Process stranger = TestHome.idleProcess("elsewhere").start();
		try {
			Files.createDirectories(folder.pidFileOf("x").getParent());
			Files.writeString(folder.pidFileOf("order-service-1"), Long.toString(leftover.pid()));
			Files.writeString(folder.pidFileOf("reused"), Long.toString(stranger.pid()));
			List<String> log = new ArrayList<>();

			new DataFolder(options, log::add).prepare();

			assertThat(leftover.isAlive()).isFalse();
			assertThat(stranger.isAlive()).isTrue();
			assertThat(log).singleElement().asString().contains("leftover process " + leftover.pid());
			assertThat(folder.pidFileOf("order-service-1")).doesNotExist();
			assertThat(folder.pidFileOf("reused")).doesNotExist();
		}
		finally {
			leftover.destroyForcibly();
			stranger.destroyForcibly();
		}
	}

}
