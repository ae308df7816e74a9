package dev.twelvefactor.deployment;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No two packages of the platform's main code depend on each other, directly or around a
 * loop: a package can be read, tested and moved without the ones that use it. Reads the
 * imports of every module's {@code src/main/java}.
 */
class PackageCycleTest {

	private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);

	private static final Pattern IMPORT = Pattern
		.compile("^import\\s+(?:static\\s+)?(dev\\.twelvefactor\\.[\\w.]+?)\\.[A-Z]", Pattern.MULTILINE);

	@Test
	void noPackageCycles() throws IOException {
		Map<String, Set<String>> dependencies = dependencies(Repository.ROOT);

		assertThat(dependencies).as("packages read").hasSizeGreaterThan(40);
		assertThat(cycles(dependencies)).as("package cycles (each group depends on itself)").isEmpty();
	}

	@Test
	void findsACycle() {
		Map<String, Set<String>> dependencies = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d",
				Set.of("a"));

		assertThat(cycles(dependencies)).containsExactly(Set.of("a", "b", "c"));
	}

	/**
	 * Package to the platform packages its classes import, over every module's main
	 * sources.
	 */
	static Map<String, Set<String>> dependencies(Path root) throws IOException {
		Map<String, Set<String>> dependencies = new TreeMap<>();
		try (Stream<Path> files = Files.walk(root, 14)) {
			files.filter(file -> file.toString().endsWith(".java"))
				.filter(file -> isMainSource(root.relativize(file)))
				.forEach(file -> {
					String source = read(file);
					Matcher declared = PACKAGE.matcher(source);
					if (!declared.find()) {
						return;
					}
					Set<String> imported = dependencies.computeIfAbsent(declared.group(1), name -> new TreeSet<>());
					Matcher imports = IMPORT.matcher(source);
					while (imports.find()) {
						if (!imports.group(1).equals(declared.group(1))) {
							imported.add(imports.group(1));
						}
					}
				});
		}
		return dependencies;
	}

	/** Main code of a module: {@code MODULE/src/main/java/...}. */
	private static boolean isMainSource(Path file) {
		return file.getNameCount() > 4
				&& file.subpath(1, 4).toString().equals(Path.of("src", "main", "java").toString());
	}

	/**
	 * The strongly connected components with more than one package (Tarjan's algorithm).
	 */
	static List<Set<String>> cycles(Map<String, Set<String>> dependencies) {
		Map<String, Integer> index = new HashMap<>();
		Map<String, Integer> lowLink = new HashMap<>();
		Deque<String> stack = new ArrayDeque<>();
		List<Set<String>> cycles = new ArrayList<>();
		for (String start : new TreeSet<>(dependencies.keySet())) {
			if (!index.containsKey(start)) {
				connect(start, dependencies, index, lowLink, stack, cycles);
			}
		}
		return cycles;
	}

	private static void connect(String node, Map<String, Set<String>> dependencies, Map<String, Integer> index,
			Map<String, Integer> lowLink, Deque<String> stack, List<Set<String>> cycles) {
		index.put(node, index.size());
		lowLink.put(node, index.get(node));
		stack.push(node);
		for (String next : dependencies.getOrDefault(node, Set.of())) {
			if (!index.containsKey(next)) {
				connect(next, dependencies, index, lowLink, stack, cycles);
				lowLink.put(node, Math.min(lowLink.get(node), lowLink.get(next)));
			}
			else if (stack.contains(next)) {
				lowLink.put(node, Math.min(lowLink.get(node), index.get(next)));
			}
		}
		if (lowLink.get(node).equals(index.get(node))) {
			Set<String> component = new TreeSet<>();
			String member;
			do {
				member = stack.pop();
				component.add(member);
			}
			while (!member.equals(node));
			if (component.size() > 1) {
				cycles.add(component);
			}
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
