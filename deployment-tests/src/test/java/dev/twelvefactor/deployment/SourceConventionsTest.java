package dev.twelvefactor.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conventions of the Java sources that no compiler checks (the formatter checks the
 * layout): types named by their imports, and one sentence per package on what it holds.
 */
class SourceConventionsTest {

	/**
	 * A JDK type written out in code, such as {@code java.util.List.of(...)}, instead of
	 * imported.
	 */
	private static final Pattern INLINE_JDK_NAME = Pattern.compile("\\bjava[x]?\\.[a-z]+(\\.[a-z]+)*\\.[A-Z]\\w*");

	@Test
	void jdkTypesAreImportedNotWrittenOutInline() {
		List<String> inline = new ArrayList<>();
		for (Path source : javaSources("src/main/java", "src/test/java")) {
			List<String> lines = lines(source);
			for (int i = 0; i < lines.size(); i++) {
				String code = withoutComment(lines.get(i));
				if (code.startsWith("import ") || code.startsWith("package ")) {
					continue;
				}
				Matcher matcher = INLINE_JDK_NAME.matcher(code);
				if (matcher.find()) {
					inline.add(Repository.ROOT.relativize(source) + ":" + (i + 1) + " " + matcher.group());
				}
			}
		}
		assertThat(inline).as("fully-qualified JDK names in code; import them").isEmpty();
	}

	@Test
	void everyMainPackageSaysWhatItHolds() {
		Set<Path> missing = new TreeSet<>();
		for (Path source : javaSources("src/main/java")) {
			Path packageInfo = source.resolveSibling("package-info.java");
			if (!Files.exists(packageInfo)) {
				missing.add(Repository.ROOT.relativize(source.getParent()));
			}
		}
		assertThat(missing).as("packages without package-info.java").isEmpty();
	}

	private static String withoutComment(String line) {
		String code = line.strip();
		if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
			return "";
		}
		int comment = code.indexOf("//");
		return (comment < 0) ? code : code.substring(0, comment);
	}

	/**
	 * Every module's Java sources under the given folders; build output and the Docker
	 * health check excluded.
	 */
	private static List<Path> javaSources(String... folders) {
		try (Stream<Path> modules = Files.list(Repository.ROOT)) {
			List<Path> sources = new ArrayList<>();
			for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
				for (String folder : folders) {
					Path root = module.resolve(folder);
					if (Files.isDirectory(root)) {
						try (Stream<Path> files = Files.walk(root)) {
							files.filter((file) -> file.toString().endsWith(".java")).forEach(sources::add);
						}
					}
				}
			}
			assertThat(sources).as("Java sources found").hasSizeGreaterThan(50);
			return sources;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> lines(Path source) {
		try {
			return Files.readAllLines(source);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
