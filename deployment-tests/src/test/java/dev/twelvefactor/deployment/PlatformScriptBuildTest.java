package dev.twelvefactor.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./platform up} builds only when a source changed since the jar it becomes was
 * written, whoever built it: after {@code ./mvnw verify} it starts at once. Runs the real
 * script in a folder laid out like the repository, with sources and jars dated by hand
 * and a {@code mvnw} that only notes that it was called.
 */
class PlatformScriptBuildTest {

	private static final List<String> SERVICES = List.of("discovery-service", "config-service", "gateway-service",
			"order-service", "inventory-service", "auth-service");

	private static final List<String> MODULES = List.of("service-support", "local-postgres", "platform-launcher",
			"platform-loadgen", "platform-cli", "discovery-service", "config-service", "gateway-service",
			"order-service", "inventory-service", "auth-service");

	private static final Instant SOURCES = Instant.parse("2026-01-01T10:00:00Z");

	private static final Instant BUILT = SOURCES.plusSeconds(60);

	@TempDir
	Path repository;

	@BeforeEach
	void layOutARepositoryBuiltAfterItsSources() throws IOException {
		copy("platform");
		copy("scripts/jdk25.sh");
		Files.writeString(repository.resolve("mvnw"), "#!/bin/sh\necho \"$@\" >> mvnw.calls\nexit 3\n");
		repository.resolve("mvnw").toFile().setExecutable(true);
		write("pom.xml", SOURCES);
		write("jvm.options", SOURCES);
		for (String module : MODULES) {
			write(module + "/pom.xml", SOURCES);
			write(module + "/src/main/java/Example.java", SOURCES);
		}
		write("platform-cli/target/platform-cli-exec.jar", BUILT);
		write("platform-launcher/target/tools/zipkin-server.jar", BUILT);
		write("platform-launcher/target/tools/zipkin/zipkin-server.jar", BUILT);
		write("platform-launcher/target/tools/zipkin/zipkin-server.aot", BUILT);
		for (String service : SERVICES) {
			write(service + "/target/" + service + ".jar", BUILT);
			write(service + "/target/app/" + service + ".jar", BUILT);
			write(service + "/target/app/" + service + ".aot", BUILT);
		}
	}

	@Test
	void jarsNewerThanEverySourceAreNotBuiltAgain() throws Exception {
		assertThat(up()).as("./platform up called ./mvnw").isFalse();
	}

	@Test
	void aSourceChangedAfterItsJarIsBuilt() throws Exception {
		write("order-service/src/main/java/Example.java", BUILT.plusSeconds(60));
		assertThat(up()).isTrue();
	}

	@Test
	void aChangeInSharedCodeOrLauncherCodeIsBuilt() throws Exception {
		write("service-support/src/main/java/Example.java", BUILT.plusSeconds(60));
		assertThat(up()).isTrue();
		Files.delete(repository.resolve("mvnw.calls"));
		write("service-support/src/main/java/Example.java", SOURCES);
		write("platform-loadgen/pom.xml", BUILT.plusSeconds(60));
		assertThat(up()).isTrue();
	}

	@Test
	void jvmOptionsCountForEveryJarAsTheAotCachesAreTrainedWithThem() throws Exception {
		write("jvm.options", BUILT.plusSeconds(60));
		assertThat(up()).isTrue();
	}

	@Test
	void aMissingAotCacheIsBuilt() throws Exception {
		Files.delete(repository.resolve("gateway-service/target/app/gateway-service.aot"));
		assertThat(up()).isTrue();
	}

	@Test
	void aCacheOlderThanTheJarItWasTrainedForIsBuilt() throws Exception {
		// What a build with -Daot.skip leaves: the jar extracted again beside the old
		// cache, which the JVM would not use.
		write("inventory-service/target/app/inventory-service.jar", BUILT.plusSeconds(60));
		assertThat(up()).isTrue();
		Files.delete(repository.resolve("mvnw.calls"));
		write("inventory-service/target/app/inventory-service.jar", BUILT);
		write("platform-launcher/target/tools/zipkin/zipkin-server.jar", BUILT.plusSeconds(60));
		assertThat(up()).isTrue();
	}

	@Test
	void zipkinsCopiedJarKeepsItsFirstDateWithoutCausingABuild() throws Exception {
		// The build copies it out of the Maven repository once and never rewrites it, so
		// after a change to a pom it stays older than the pom, build after build.
		write("platform-launcher/target/tools/zipkin-server.jar", SOURCES.minusSeconds(60));
		assertThat(up()).isFalse();
	}

	@Test
	void onlyUpBenchAndTrainBuild() throws Exception {
		write("order-service/src/main/java/Example.java", BUILT.plusSeconds(60));
		run("down");
		assertThat(repository.resolve("mvnw.calls")).doesNotExist();
		run("train");
		assertThat(repository.resolve("mvnw.calls")).exists();
	}

	/** Runs {@code ./platform up}; whether it called {@code ./mvnw}. */
	private boolean up() throws Exception {
		run("up");
		return Files.exists(repository.resolve("mvnw.calls"));
	}

	/** The fake jars do not run: only whether the script built first is of interest. */
	private void run(String command) throws Exception {
		ProcessBuilder builder = new ProcessBuilder("bash", "platform", command).directory(repository.toFile())
			.redirectErrorStream(true)
			.redirectOutput(repository.resolve("platform.out").toFile());
		builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
		Process process = builder.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("./platform " + command + " finished").isTrue();
	}

	private void copy(String file) throws IOException {
		Files.createDirectories(repository.resolve(file).getParent());
		Files.copy(Repository.path(file), repository.resolve(file));
	}

	private void write(String file, Instant modified) throws IOException {
		Path path = repository.resolve(file);
		Files.createDirectories(path.getParent());
		if (!Files.exists(path)) {
			Files.writeString(path, file);
		}
		Files.setLastModifiedTime(path, FileTime.from(modified));
	}

}
