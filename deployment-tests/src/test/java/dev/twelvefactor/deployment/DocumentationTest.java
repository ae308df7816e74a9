package dev.twelvefactor.deployment;

import dev.twelvefactor.launcher.Service;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * README.md and docs/*.md against the tree: every relative link leads to a file or folder
 * that exists (and, with an anchor into a Markdown file, to a heading it has); README's
 * first two commands are the two the project promises (CI runs them); every
 * {@code ./platform SUBCOMMAND} the docs mention is one the CLI's usage text lists. The
 * API table of docs/api.md is checked against the code by ApiDocumentationTest in the two
 * services.
 */
class DocumentationTest {

	/** An inline Markdown link or image: [text](target "title"). */
	private static final Pattern LINK = Pattern
		.compile("!?\\[[^\\]]*]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

	private static final Pattern FENCE = Pattern.compile("(?ms)^ {0,3}```[^\\n]*\\n(.*?)^ {0,3}```\\s*$");

	private static final Pattern PLATFORM_COMMAND = Pattern
		.compile("(?<![\\w/.-])\\./platform +([a-z][\\w-]*)(?: +([a-z][\\w-]*))?");

	@Test
	void everyRelativeLinkLeadsToSomethingThatExists() {
		List<String> broken = new ArrayList<>();
		Map<Path, Set<String>> anchors = new HashMap<>();
		for (Map.Entry<String, String> document : documents().entrySet()) {
			Path file = Repository.path(document.getKey());
			Matcher link = LINK.matcher(withoutCode(document.getValue()));
			while (link.find()) {
				String target = link.group(1);
				if (target.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
					continue; // https:, mailto: ...: not a file of this repository
				}
				int hash = target.indexOf('#');
				String pathPart = hash < 0 ? target : target.substring(0, hash);
				String anchor = hash < 0 ? null : target.substring(hash + 1);
				Path resolved = pathPart.isEmpty() ? file : file.getParent().resolve(pathPart).normalize();
				String where = document.getKey() + ": (" + target + ")";
				if (!resolved.startsWith(Repository.ROOT)) {
					broken.add(where + " leaves the repository");
				}
				else if (!Files.exists(resolved)) {
					broken.add(where + " names " + Repository.ROOT.relativize(resolved) + ", which does not exist");
				}
				else if (anchor != null) {
					if (!resolved.toString().endsWith(".md")) {
						broken.add(where + " has an anchor into a file that is not Markdown");
					}
					else if (!anchors.computeIfAbsent(resolved, DocumentationTest::headingAnchors).contains(anchor)) {
						broken.add(where + ": " + Repository.ROOT.relativize(resolved) + " has no heading #" + anchor
								+ " (it has " + anchors.get(resolved) + ")");
					}
				}
			}
		}
		assertThat(broken).as("broken links in README.md and docs/").isEmpty();
	}

	@Test
	void readmesFirstTwoCommandsRunThePlatformAndEveryTest() {
		List<String> blocks = new ArrayList<>();
		Matcher fence = FENCE.matcher(Repository.read("README.md"));
		while (fence.find() && blocks.size() < 2) {
			blocks.add(fence.group(1).strip());
		}
		assertThat(blocks).as("README's first two fenced code blocks")
			.containsExactly("./platform up", "./mvnw verify");
	}

	@Test
	void everyPlatformSubcommandTheDocsMentionIsOneTheCliLists() {
		Map<String, Set<String>> usage = cliUsage();
		assertThat(usage).as("subcommands in the CLI's usage text").containsKeys("up", "down");

		List<String> unknown = new ArrayList<>();
		for (Map.Entry<String, String> document : documents().entrySet()) {
			Matcher command = PLATFORM_COMMAND.matcher(document.getValue());
			while (command.find()) {
				String subcommand = command.group(1);
				String argument = command.group(2);
				if (!usage.containsKey(subcommand)) {
					unknown.add(document.getKey() + ": ./platform " + subcommand);
				}
				else if (argument != null && !usage.get(subcommand).isEmpty()
						&& !usage.get(subcommand).contains(argument)) {
					unknown.add(document.getKey() + ": ./platform " + subcommand + " " + argument + " (the CLI lists "
							+ usage.get(subcommand) + ")");
				}
			}
		}
		assertThat(unknown)
			.as("./platform commands in README.md and docs/ that the CLI's usage text (" + usage.keySet()
					+ ") does not list")
			.isEmpty();
	}

	/**
	 * The variable table of docs/configuration.md names every variable the launcher gives
	 * a service, and nothing that no configuration reads: it is the table a person
	 * deploying the services goes by.
	 */
	@Test
	void theConfigurationTableNamesEveryVariableTheLauncherSetsAndOnlyVariablesThatAreRead() {
		Set<String> documented = new TreeSet<>();
		Matcher variable = Pattern.compile("`([A-Z][A-Z0-9_]+)`")
			.matcher(read(Repository.path("docs/configuration.md")));
		while (variable.find()) {
			documented.add(variable.group(1));
		}
		Set<String> launched = new TreeSet<>();
		for (Service service : Service.values()) {
			launched.addAll(EnvironmentParityTest.launcherNames(service));
		}
		assertThat(documented).as("variables in docs/configuration.md").containsAll(launched);

		StringBuilder configuration = new StringBuilder(read(Repository.path("docker-compose.yml")));
		try (Stream<Path> files = Files.walk(Repository.ROOT)) {
			files
				.filter(file -> file.toString().endsWith(".yml") && !file.toString().contains("/target/")
						&& file.toString().matches(".*/(config-repo|src/main/resources)/.*"))
				.forEach(file -> configuration.append(read(file)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> unread = documented.stream()
			.filter(name -> !launched.contains(name) && !configuration.toString().contains("${" + name))
			.toList();
		assertThat(unread).as("documented variables that no configuration file reads (${NAME...})").isEmpty();
	}

	/**
	 * The subcommands the CLI's usage text lists ({@code ./platform up ...}), each with
	 * the words its first argument may be when the usage gives a choice
	 * ({@code ./platform bench [startup|memory|...]}), else none.
	 */
	static Map<String, Set<String>> cliUsage() {
		String source = cliSource();
		Matcher usageText = Pattern.compile("(?s)\"\"\"\\s*\\n\\s*Usage:(.*?)\"\"\"").matcher(source);
		if (!usageText.find()) {
			return fail("No text block starting with \"Usage:\" in the CLI's source");
		}
		Map<String, Set<String>> usage = new LinkedHashMap<>();
		Matcher line = Pattern
			.compile("(?m)^\\s*\\./platform +([a-z][\\w-]*)(?: +\\[([a-z][\\w-]*(?:\\|[a-z][\\w-]*)+)])?")
			.matcher(usageText.group(1));
		while (line.find()) {
			Set<String> choices = usage.computeIfAbsent(line.group(1), key -> new TreeSet<>());
			if (line.group(2) != null) {
				choices.addAll(List.of(line.group(2).split("\\|")));
			}
		}
		return usage;
	}

	/**
	 * The source of the CLI behind ./platform: the class whose usage text lists
	 * {@code ./platform up}, in platform-cli (or, before that module existed,
	 * platform-launcher).
	 */
	private static String cliSource() {
		for (String module : List.of("platform-cli", "platform-launcher")) {
			Path sources = Repository.path(module + "/src/main/java");
			if (!Files.isDirectory(sources)) {
				continue;
			}
			try (Stream<Path> files = Files.walk(sources)) {
				List<Path> candidates = files.filter(path -> path.toString().endsWith(".java"))
					.filter(path -> read(path).contains("Usage:") && read(path).contains("./platform up"))
					.sorted()
					.toList();
				if (!candidates.isEmpty()) {
					assertThat(candidates).as("classes printing ./platform's usage in " + module).hasSize(1);
					return read(candidates.getFirst());
				}
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return fail("No class in platform-cli or platform-launcher prints the usage of ./platform");
	}

	/** README.md and every docs/*.md, by path relative to the repository root. */
	static Map<String, String> documents() {
		Map<String, String> documents = new LinkedHashMap<>();
		documents.put("README.md", Repository.read("README.md"));
		Path docs = Repository.path("docs");
		if (Files.isDirectory(docs)) {
			try (Stream<Path> files = Files.list(docs)) {
				files.filter(path -> path.toString().endsWith(".md"))
					.sorted()
					.forEach(path -> documents.put("docs/" + path.getFileName(), read(path)));
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return documents;
	}

	/**
	 * The anchors GitHub gives a Markdown file's headings: lower case, punctuation
	 * dropped, spaces as hyphens.
	 */
	static Set<String> headingAnchors(Path markdown) {
		Set<String> anchors = new TreeSet<>();
		Map<String, Integer> seen = new HashMap<>();
		String text = FENCE.matcher(read(markdown)).replaceAll("");
		Matcher heading = Pattern.compile("(?m)^ {0,3}#{1,6}\\s+(.+?)\\s*#*\\s*$").matcher(text);
		while (heading.find()) {
			String slug = heading.group(1)
				.replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1")
				.toLowerCase(Locale.ROOT)
				.replaceAll("[^\\p{L}\\p{N} _-]", "")
				.replace(' ', '-');
			int count = seen.merge(slug, 1, Integer::sum);
			anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
		}
		Matcher explicit = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"").matcher(text);
		while (explicit.find()) {
			anchors.add(explicit.group(1));
		}
		return anchors;
	}

	/**
	 * The text without fenced blocks and inline code, where brackets and parentheses are
	 * not links.
	 */
	private static String withoutCode(String markdown) {
		return FENCE.matcher(markdown).replaceAll("").replaceAll("`[^`\\n]*`", "");
	}

	private static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read " + path, e);
		}
	}

}
