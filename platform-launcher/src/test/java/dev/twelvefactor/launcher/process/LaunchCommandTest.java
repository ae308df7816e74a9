package dev.twelvefactor.launcher.process;

import dev.twelvefactor.launcher.PlatformOptions;
import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaunchCommandTest {

	@TempDir
	Path home;

	@Test
	void withoutAnAotCacheTunedStartsTheFatJarWithTheFlagsOfJvmOptionsAndSaysSoOnce() {
		PlatformOptions options = TestHome.options(home);
		List<String> log = new ArrayList<>();
		LaunchCommand launch = new LaunchCommand(options, log::add);

		List<String> command = launch.of(Service.ORDER, Launch.TUNED);
		launch.of(Service.ORDER, Launch.TUNED);

		assertThat(command.getFirst()).endsWith("java");
		assertThat(command.subList(1, command.size())).containsExactly("-XX:+UseSerialGC", "-Xss512k", "-jar",
				options.jarOf(Service.ORDER).toString());
		assertThat(launch.startsFromAotCache(Service.ORDER)).isFalse();
		assertThat(log).singleElement().asString().contains("No AOT cache for order-service");
		assertThat(launch.jvmFlags()).containsExactly("-XX:+UseSerialGC", "-Xss512k");
	}

	@Test
	void aFreshAotCacheIsUsedStrictlyInTests() throws Exception {
		PlatformOptions options = TestHome.options(home);
		LaunchCommand launch = builtWithAotCache(options, Service.ORDER);

		assertThat(launch.startsFromAotCache(Service.ORDER)).isTrue();
		assertThat(launch.tuned(Service.ORDER)).containsSubsequence("-XX:AOTCache=" + options.aotCacheOf(Service.ORDER),
				"-XX:AOTMode=on", "-jar", options.extractedJarOf(Service.ORDER).toString());

		// A cache older than the jar it was trained on is stale: the JVM would reject it.
		Files.setLastModifiedTime(options.aotCacheOf(Service.ORDER), FileTime.from(Instant.now().minusSeconds(60)));
		assertThat(launch.startsFromAotCache(Service.ORDER)).isFalse();
	}

	@Test
	void aTrainingRunStartsTheFastLayoutWithoutACacheAndRecordsOneBesideIt() {
		PlatformOptions options = TestHome.options(home).withAotTraining();
		LaunchCommand launch = new LaunchCommand(options, message -> {
		});

		List<String> command = launch.of(Service.INVENTORY, Launch.TUNED);

		assertThat(command.subList(1, command.size())).containsExactly("-XX:+UseSerialGC", "-Xss512k",
				"-XX:AOTCacheOutput=" + options.aotTrainingOutputOf(Service.INVENTORY), "-Xlog:aot=error", "-jar",
				options.extractedJarOf(Service.INVENTORY).toString());
		assertThat(options.aotTrainingOutputOf(Service.INVENTORY).getParent())
			.isEqualTo(options.aotCacheOf(Service.INVENTORY).getParent());
		assertThat(options.aotTrainingOutputOf(Service.INVENTORY)).isNotEqualTo(options.aotCacheOf(Service.INVENTORY));
		// A baseline is never trained: the benchmarks compare it as it comes.
		assertThat(launch.of(Service.INVENTORY, Launch.BASELINE)).noneMatch(flag -> flag.startsWith("-XX:AOT"));
	}

	@Test
	void aCacheTrainedOnARunIsToldApartByItsMarkUntilABuildReplacesIt() throws Exception {
		PlatformOptions options = TestHome.options(home);
		LaunchCommand launch = builtWithAotCache(options, Service.ORDER);
		assertThat(launch.cacheTrainedOnARun(Service.ORDER)).isFalse();

		Files.writeString(options.aotRunTrainingMarkOf(Service.ORDER), "trained on a run");
		assertThat(launch.cacheTrainedOnARun(Service.ORDER)).isTrue();

		Files.setLastModifiedTime(options.aotRunTrainingMarkOf(Service.ORDER),
				FileTime.from(Instant.now().minusSeconds(60)));
		assertThat(launch.cacheTrainedOnARun(Service.ORDER)).isFalse();
	}

	@Test
	void baselineIsJavaDashJarWithoutAnyFlag() {
		PlatformOptions options = TestHome.options(home);
		List<String> command = new LaunchCommand(options, message -> {
		}).of(Service.GATEWAY, Launch.BASELINE);
		assertThat(command.subList(1, command.size())).containsExactly("-jar",
				options.jarOf(Service.GATEWAY).toString());
	}

	@Test
	void refusesToStartWhatWasNotBuilt() {
		LaunchCommand launch = new LaunchCommand(TestHome.options(home), message -> {
		});
		assertThatThrownBy(() -> launch.requireBuilt(Service.CONFIG)).hasMessageContaining("build first");
	}

	/**
	 * The fast layout of a service as the build leaves it: the extracted jar, then its
	 * cache.
	 */
	private static LaunchCommand builtWithAotCache(PlatformOptions options, Service service) throws IOException {
		Files.createDirectories(options.extractedJarOf(service).getParent());
		Files.writeString(options.extractedJarOf(service), "jar");
		Files.writeString(options.aotCacheOf(service), "cache");
		return new LaunchCommand(options, message -> {
		});
	}

}
