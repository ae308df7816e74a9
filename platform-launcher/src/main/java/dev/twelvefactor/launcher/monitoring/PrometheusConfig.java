package dev.twelvefactor.launcher.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Prometheus does not expand environment variables, so every environment renders its copy
 * of the one source file, {@code prometheus/prometheus.yml.tmpl}: the launcher here,
 * compose and Kubernetes with the same placeholders.
 */
public final class PrometheusConfig {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");

	private PrometheusConfig() {
	}

	/**
	 * Replaces every {@code ${NAME}}; a placeholder without a value is an error, not an
	 * empty string.
	 */
	public static String render(String template, Map<String, String> values) {
		Matcher matcher = PLACEHOLDER.matcher(template);
		StringBuilder rendered = new StringBuilder();
		while (matcher.find()) {
			String value = values.get(matcher.group(1));
			if (value == null) {
				throw new IllegalArgumentException(
						"No value for ${" + matcher.group(1) + "} in the Prometheus template");
			}
			matcher.appendReplacement(rendered, Matcher.quoteReplacement(value));
		}
		return matcher.appendTail(rendered).toString();
	}

	/**
	 * Writes the rendered configuration and the rule files beside it, as Prometheus will
	 * read them.
	 */
	public static Path writeTo(Path home, Path directory, Map<String, String> values) {
		try {
			Path source = home.resolve("prometheus");
			Files.createDirectories(directory.resolve("rules"));
			Path config = directory.resolve("prometheus.yml");
			Files.writeString(config, render(Files.readString(source.resolve("prometheus.yml.tmpl")), values));
			try (Stream<Path> rules = Files.list(source.resolve("rules"))) {
				for (Path rule : rules.toList()) {
					Files.copy(rule, directory.resolve("rules").resolve(rule.getFileName()),
							StandardCopyOption.REPLACE_EXISTING);
				}
			}
			return config;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
