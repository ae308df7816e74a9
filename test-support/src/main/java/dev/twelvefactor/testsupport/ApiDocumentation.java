package dev.twelvefactor.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API table of {@code docs/api.md} and a service's OpenAPI document, each read as the
 * set of its operations ({@code METHOD path}), so that a service's test can hold them
 * equal: the docs a newcomer reads list exactly what the controllers serve.
 */
public final class ApiDocumentation {

	/** Where the table is, from a service module's folder (where its tests run). */
	public static final Path API_DOC = Path.of("..", "docs", "api.md");

	private static final Set<String> METHODS = Set.of("get", "head", "post", "put", "patch", "delete", "options",
			"trace");

	private static final Pattern OPERATION = Pattern
		.compile("`?(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|TRACE) (/\\S+?)`?");

	private ApiDocumentation() {
	}

	/**
	 * Fails unless the table lists exactly the operations under {@code prefix} that the
	 * service's OpenAPI document (JSON) publishes.
	 */
	public static void assertTableMatches(String prefix, String openApiJson) {
		Set<String> published = publishedOperations(openApiJson);
		assertThat(published).as("operations in the OpenAPI document").isNotEmpty();
		assertThat(documentedOperations(prefix))
			.as("rows of the API table in " + API_DOC + " (first column, e.g. `GET " + prefix
					+ "/...`) against the OpenAPI document " + prefix + "/openapi")
			.isEqualTo(published);
	}

	/** {@code METHOD path} of every operation in an OpenAPI document (JSON). */
	public static Set<String> publishedOperations(String openApiJson) {
		Set<String> operations = new TreeSet<>();
		JsonNode openApi = JsonMapper.shared().readTree(openApiJson);
		for (Map.Entry<String, JsonNode> path : openApi.required("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				if (METHODS.contains(operation.getKey())) {
					operations.add(operation.getKey().toUpperCase() + " " + path.getKey());
				}
			}
		}
		return operations;
	}

	/**
	 * The first cells of the table rows of {@link #API_DOC} that name an operation under
	 * the prefix, e.g. {@code `GET /api/orders/{id}`}; a row listed twice is an error.
	 */
	public static Set<String> documentedOperations(String prefix) {
		Set<String> rows = new TreeSet<>();
		for (String line : read(API_DOC).lines().filter((line) -> line.startsWith("|")).toList()) {
			Matcher operation = OPERATION.matcher(firstCell(line));
			if (operation.matches() && operation.group(2).startsWith(prefix)) {
				String key = operation.group(1) + " " + operation.group(2);
				if (!rows.add(key)) {
					throw new IllegalStateException(key + " is listed twice in " + API_DOC);
				}
			}
		}
		return rows;
	}

	private static String firstCell(String row) {
		return row.strip().substring(1).split("\\|", -1)[0].strip();
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
