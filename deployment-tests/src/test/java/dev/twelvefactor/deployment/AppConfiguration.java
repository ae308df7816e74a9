package dev.twelvefactor.deployment;

import dev.twelvefactor.launcher.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What each service reads from its environment: the {@code ${NAME}} and
 * {@code ${NAME:default}} placeholders of the configuration files it loads, read at test
 * time. A service loads its own {@code src/main/resources/
 * application*.yml}; a config client (its {@code spring.config.import} names a
 * configserver) also gets config-repo's shared and own files through config-service.
 */
final class AppConfiguration {

	/**
	 * Environment-style names only: {@code ${spring.application.name}} and the like are
	 * property references.
	 */
	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");

	private AppConfiguration() {
	}

	static boolean importsFromConfigService(Service service) {
		return ownFiles(service).stream().map(Repository::read).anyMatch(text -> text.contains("configserver:"));
	}

	static List<String> files(Service service) {
		List<String> files = new ArrayList<>(ownFiles(service));
		if (importsFromConfigService(service)) {
			files.addAll(list("config-repo", "application"));
			files.addAll(list("config-repo", service.applicationName()));
		}
		return files;
	}

	/** Every environment variable the service's configuration reads. */
	static Set<String> placeholders(Service service) {
		return scan(service, false);
	}

	/** Those without a default: the service cannot start unless each one is set. */
	static Set<String> placeholdersWithoutDefault(Service service) {
		return scan(service, true);
	}

	private static Set<String> scan(Service service, boolean withoutDefaultOnly) {
		Set<String> names = new TreeSet<>();
		for (String file : files(service)) {
			for (String line : Repository.read(file).lines().toList()) {
				if (line.strip().startsWith("#")) {
					continue;
				}
				Matcher matcher = PLACEHOLDER.matcher(line);
				while (matcher.find()) {
					if (!withoutDefaultOnly || matcher.group(2) == null) {
						names.add(matcher.group(1));
					}
				}
			}
		}
		return names;
	}

	/**
	 * A property as the service sees it without any profile, e.g. {@code server.port}:
	 * the value of the last file that sets it (config-repo's files, served by
	 * config-service, take precedence over the service's own).
	 */
	static Optional<Object> property(Service service, String dottedName) {
		Object found = null;
		for (String file : files(service)) {
			if (!file.endsWith(".yml") && !file.endsWith(".yaml")) {
				continue;
			}
			for (Map<String, Object> document : Repository.yamlDocuments(Repository.read(file))) {
				Object value = document;
				for (String key : dottedName.split("\\.")) {
					value = value instanceof Map<?, ?> map ? map.get(key) : null;
				}
				if (value != null) {
					found = value;
				}
			}
		}
		return Optional.ofNullable(found);
	}

	private static List<String> ownFiles(Service service) {
		List<String> files = list(service.applicationName() + "/src/main/resources", "application");
		if (files.isEmpty()) {
			throw new IllegalStateException("No application.yml for " + service.applicationName());
		}
		return files;
	}

	/**
	 * {@code folder/prefix.yml}, {@code folder/prefix-PROFILE.yml} (and .yaml,
	 * .properties), as relative paths.
	 */
	private static List<String> list(String folder, String prefix) {
		Path directory = Repository.path(folder);
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> paths = Files.list(directory)) {
			return paths.map(path -> path.getFileName().toString())
				.filter(name -> name.matches(Pattern.quote(prefix) + "(-[\\w-]+)?\\.(yml|yaml|properties)"))
				.sorted()
				.map(name -> folder + "/" + name)
				.toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
