package dev.twelvefactor.deployment;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * No secret value is in the repository: every file git tracks or would add (tracked, and
 * new files that are not ignored) is searched for private keys, for credentials of the
 * shape the generators write (docker/generate-env.sh, the dev overlay's
 * generate-secrets.sh, the launcher), and for the dev defaults outside the places that
 * document them; the files those generators write are ignored by git.
 */
class SecretsInRepositoryTest {

	/**
	 * A PEM private key with its body: the marker alone is in the generators' sources.
	 */
	private static final Pattern PRIVATE_KEY = Pattern
		.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----\\s*[A-Za-z0-9+/=\\s]{100,}-----END [A-Z ]*PRIVATE KEY-----");

	/**
	 * A credential assigned a value that looks generated: long, and mixing upper case,
	 * lower case and digits (the dev defaults are lower case words).
	 */
	private static final Pattern ASSIGNED = Pattern
		.compile("\\b([A-Z_]*(?:PASSWORD|SECRET)|secret|password)\\b[\"']?\\s*[=:]\\s*[\"']?([A-Za-z0-9_~.+/-]{20,})");

	/** Where the dev defaults may appear: the files that set and document them. */
	private static final Pattern DOCUMENTED = Pattern
		.compile("docker-compose\\.yml|\\.env\\.example|README\\.md|docs/.*\\.md|deployment-tests/.*");

	/** Files a generator writes, that git must never see. */
	private static final List<String> GENERATED = List.of(".env", "k8s/overlays/dev/secrets/platform-credentials.env",
			"k8s/overlays/dev/secrets/auth-signing-key.pem", ".platform/secrets.properties",
			".platform/auth-signing-key.pem");

	@Test
	void noPrivateKeyIsInTheRepository() {
		List<String> found = new ArrayList<>();
		files().forEach((file, text) -> {
			if (PRIVATE_KEY.matcher(text).find()) {
				found.add(file);
			}
		});
		assertThat(found).as("files holding a private key").isEmpty();
	}

	@Test
	void noGeneratedCredentialIsInTheRepository() {
		List<String> found = new ArrayList<>();
		files().forEach((file, text) -> {
			Matcher matcher = ASSIGNED.matcher(text);
			while (matcher.find()) {
				String value = matcher.group(2);
				if (value.matches(".*[A-Z].*") && value.matches(".*[a-z].*") && value.matches(".*[0-9].*")
						&& !value.contains("${") && !value.contains("$(")) {
					found.add(file + ": " + matcher.group(1) + "=" + value.substring(0, 4) + "...");
				}
			}
		});
		assertThat(found).as("credentials with generated-looking values").isEmpty();
		assertThat(files().keySet()).as("generated files in git").doesNotContainAnyElementsOf(GENERATED);
	}

	@Test
	void theDevDefaultsAppearOnlyWhereTheyAreDocumented() {
		Set<String> defaults = Set.copyOf(ComposeCredentialsTest.devDefaults().values());
		List<String> found = new ArrayList<>();
		files().forEach((file, text) -> {
			if (!DOCUMENTED.matcher(file).matches()) {
				defaults.stream()
					.filter(value -> value.endsWith("-change-me") && text.contains(value))
					.forEach(value -> found.add(file + ": " + value));
			}
		});
		assertThat(found).as("dev defaults outside docker-compose.yml, .env.example and the docs").isEmpty();
	}

	@Test
	void whatTheGeneratorsWriteIsIgnored() {
		for (String file : GENERATED) {
			assertThat(git("check-ignore", "--quiet", "--no-index", file).exitCode()).as(file + " is git-ignored")
				.isZero();
		}
	}

	/**
	 * Every text file git tracks or would add, by path relative to the repository root.
	 */
	private static Map<String, String> files() {
		assumeThat(git("rev-parse", "--git-dir").exitCode()).as("a git checkout (a source archive has no history)")
			.isZero();
		Result listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard");
		assertThat(listed.exitCode()).as("git ls-files").isZero();
		Map<String, String> texts = new TreeMap<>();
		for (String file : listed.output().split("\0")) {
			Path path = Repository.ROOT.resolve(file);
			try {
				if (file.isEmpty() || !Files.isRegularFile(path) || Files.size(path) > 2_000_000) {
					continue;
				}
				byte[] bytes = Files.readAllBytes(path);
				String text = new String(bytes, StandardCharsets.UTF_8);
				if (!text.contains("\0")) {
					texts.put(file, text);
				}
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		assertThat(texts).as("files of the repository").containsKeys("docker-compose.yml", "pom.xml");
		return texts;
	}

	private record Result(int exitCode, String output) {
	}

	private static Result git(String... arguments) {
		List<String> command = new ArrayList<>(List.of("git", "-C", Repository.ROOT.toString()));
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
			return new Result(process.exitValue(), output);
		}
		catch (IOException e) {
			assumeThat(e).as("git is installed").isNull();
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

}
