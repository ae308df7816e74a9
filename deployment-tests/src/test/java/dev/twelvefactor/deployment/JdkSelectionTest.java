package dev.twelvefactor.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's two commands on a machine whose default {@code java} is older than 25:
 * {@code ./mvnw} and {@code ./platform} find a JDK 25 the same way
 * ({@code scripts/jdk25.sh}), or stop with one sentence saying what to install. The older
 * JDK is a stand-in folder with a {@code release} file, as a real one has.
 */
class JdkSelectionTest {

	private static final Path JDK25 = Path.of(System.getProperty("java.home"));

	private static final String MISSING = "This project needs a JDK 25 and found none";

	@TempDir
	Path temp;

	@Test
	void aJavaHomeThatIsAJdk25IsKept() throws Exception {
		Result result = selectJdk(Map.of("JAVA_HOME", JDK25.toString(), "JDK25_CANDIDATES", temp.toString()));
		assertThat(result.exitCode()).isZero();
		assertThat(result.stdout().strip()).isEqualTo(JDK25.toString());
	}

	@Test
	void anOlderJavaHomeGivesWayToAJdk25FoundAmongTheCandidates() throws Exception {
		Path jdk17 = fakeJdk("17.0.15");
		Result result = selectJdk(
				Map.of("JAVA_HOME", jdk17.toString(), "JDK25_CANDIDATES", jdk17 + " " + JDK25 + " " + temp));
		assertThat(result.exitCode()).isZero();
		assertThat(result.stdout().strip()).isEqualTo(JDK25.toString());
	}

	@Test
	void withoutAJdk25ScriptsStopWithOneSentenceSayingWhatToInstall() throws Exception {
		Path jdk17 = fakeJdk("17.0.15");
		Result result = selectJdk(Map.of("JAVA_HOME", jdk17.toString(), "JDK25_CANDIDATES", jdk17.toString()));
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.stderr()).startsWith(MISSING)
			.contains("install one")
			.contains("set JAVA_HOME")
			.hasLineCount(1);
	}

	@Test
	void mavenWrapperRunsOnTheJdk25ItFinds() throws Exception {
		Result result = run(List.of("sh", "./mvnw", "--version"),
				Map.of("JAVA_HOME", fakeJdk("17.0.15").toString(), "JDK25_CANDIDATES", JDK25.toString()));
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.stdout()).contains("Java version: 25").contains(JDK25.toString());
	}

	@Test
	void mavenWrapperStopsWithTheSentenceInsteadOfAJvmError() throws Exception {
		Path jdk17 = fakeJdk("17.0.15");
		Result result = run(List.of("sh", "./mvnw", "--version"),
				Map.of("JAVA_HOME", jdk17.toString(), "JDK25_CANDIDATES", jdk17.toString()));
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.stderr()).startsWith(MISSING).doesNotContain("Unrecognized option");
	}

	/**
	 * Sources the script as {@code ./mvnw} does (POSIX sh) and prints the JAVA_HOME it
	 * chose.
	 */
	private Result selectJdk(Map<String, String> environment) throws Exception {
		return run(List.of("sh", "-c", ". scripts/jdk25.sh && echo \"$JAVA_HOME\""), environment);
	}

	/**
	 * A folder that looks like a JDK of another version: its release file and two
	 * executables.
	 */
	private Path fakeJdk(String version) throws IOException {
		Path home = Files.createDirectories(this.temp.resolve("jdk-" + version));
		Files.createDirectories(home.resolve("bin"));
		for (String tool : List.of("java", "javac")) {
			Path executable = Files.writeString(home.resolve("bin").resolve(tool), "#!/bin/sh\nexit 0\n");
			executable.toFile().setExecutable(true);
		}
		Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
		return home;
	}

	private static Result run(List<String> command, Map<String, String> environment) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).directory(Repository.ROOT.toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		process.getOutputStream().close();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError(command + " did not finish within 60 s");
		}
		return new Result(process.exitValue(),
				new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
				new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
	}

	private record Result(int exitCode, String stdout, String stderr) {
	}

}
